using System.Net;
using Shazamazon.QA.EdgeHost.Protection;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Per-client limits count an IPv4 address, or an IPv6 /64, as one client.</summary>
public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("192.0.2.7", "::ffff:192.0.2.7")]
    public void AddressesOfOneClient_ShareAKey(string one, string other) =>
        Assert.Equal(ClientKey.Of(IPAddress.Parse(one)), ClientKey.Of(IPAddress.Parse(other)));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("192.0.2.7", "192.0.2.8")]
    [InlineData("0.0.0.1", "::1")]
    public void DifferentClients_HaveDifferentKeys(string one, string other) =>
        Assert.NotEqual(ClientKey.Of(IPAddress.Parse(one)), ClientKey.Of(IPAddress.Parse(other)));

    [Theory]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    public void Key_ReadsAsTheAddressOrNetwork(string address, string expected) =>
        Assert.Equal(expected, ClientKey.Of(IPAddress.Parse(address)).ToString());
}
