using System.Security.Cryptography;
using System.Text;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>Compares a key a request presents with a configured one.</summary>
internal static class AccessKeys
{
    /// <summary>Both sides are hashed first, so the comparison takes the same time whatever the lengths and contents.</summary>
    public static bool Matches(string presented, string configured) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));
}
