using System.Net;
using System.Net.Sockets;

namespace Shazamazon.QA.EdgeHost.Protection;

/// <summary>
/// Who a client is, for per-client limits: its IPv4 address, or the /64 network of its IPv6 address (one subscriber's
/// prefix, within which a client can take a new address for every request). A value, built without allocating, since
/// every read asks for it.
/// </summary>
internal readonly record struct ClientKey(bool IsIPv6, ulong Bits)
{
    public static ClientKey Of(IPAddress? address)
    {
        if (address is null)
        {
            return default;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return default;
        }

        if (written == 4)
        {
            return new ClientKey(false, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return new ClientKey(false, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]));
        }

        return new ClientKey(address.AddressFamily == AddressFamily.InterNetworkV6, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    /// <summary>The address, or the network for IPv6: <c>192.0.2.7</c>, <c>2001:db8:1:2::/64</c>.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!IsIPv6)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Bits);
            return new IPAddress(bytes[..4]).ToString();
        }

        bytes.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, Bits);
        return $"{new IPAddress(bytes)}/64";
    }
}
