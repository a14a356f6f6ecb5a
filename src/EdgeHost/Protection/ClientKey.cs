using System.Net;
using System.Net.Sockets;

namespace Shazamazon.QA.EdgeHost.Protection;

/// <summary>
/// Who a client is, for per-client limits: its IPv4 address, or the /64 network of its IPv6 address (one subscriber's
/// prefix, within which a client can take a new address for every request).
/// </summary>
internal static class ClientKey
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
