using Microsoft.AspNetCore.Http;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Tests;

public sealed class NegotiationTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", false)]
    [InlineData("application/json", false)]
    [InlineData("application/x-msgpack", true)]
    [InlineData("application/json;q=0.5, application/x-msgpack", true)]
    [InlineData("application/x-msgpack;q=0.2, application/json", false)]
    [InlineData("application/x-msgpack;q=0", false)]
    [InlineData("*/*, application/x-msgpack", true)]
    public void WantsMessagePack_FollowsTheAcceptHeader(string? accept, bool expected)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        Assert.Equal(expected, Negotiation.WantsMessagePack(context.Request));
    }
}
