using System.Text;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Client.Tests;

/// <summary>The webhook signature receivers verify: HMAC-SHA256 over "t.body", checked against an independent computation.</summary>
public sealed class QaWebhookSignatureTests
{
    private const string Secret = "s3cret-s3cret-s3cret";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":1}""");
    private static readonly DateTimeOffset Sent = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Sign_IsHmacSha256OfTimestampDotBody()
    {
        // python3: hmac.new(b's3cret-s3cret-s3cret', b'1700000000.{"id":1}', hashlib.sha256).hexdigest()
        Assert.Equal("t=1700000000,v1=f2680d33fd5f84baa319c816ddb23956297bef29a47855116fb922e2aa1dbee9",
            QaWebhookSignature.Sign(Secret, Sent.ToUnixTimeSeconds(), Body));
    }

    [Fact]
    public void Verify_AcceptsItsOwnSignature_WithinTheTolerance()
    {
        var header = QaWebhookSignature.Sign(Secret, Sent.ToUnixTimeSeconds(), Body);
        Assert.True(QaWebhookSignature.Verify(Secret, header, Body, Sent.AddMinutes(4), TimeSpan.FromMinutes(5)));
        Assert.True(QaWebhookSignature.Verify(Secret, header.Replace(",", " , ", StringComparison.Ordinal), Body, Sent, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("another-secret-value", """{"id":1}""", 0)]   // the wrong secret
    [InlineData(Secret, """{"id":2}""", 0)]                  // a changed body
    [InlineData(Secret, """{"id":1}""", 6)]                  // too old: a replay by someone else
    public void Verify_RefusesAnythingElse(string secret, string body, int minutesLater)
    {
        var header = QaWebhookSignature.Sign(Secret, Sent.ToUnixTimeSeconds(), Body);
        Assert.False(QaWebhookSignature.Verify(secret, header, Encoding.UTF8.GetBytes(body), Sent.AddMinutes(minutesLater), TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=f2680d33fd5f84baa319c816ddb23956297bef29a47855116fb922e2aa1dbee9")]
    [InlineData("t=1700000000")]
    [InlineData("t=1700000000,v1=zz680d33fd5f84baa319c816ddb23956297bef29a47855116fb922e2aa1dbee9")]
    [InlineData("t=-5,v1=f2680d33fd5f84baa319c816ddb23956297bef29a47855116fb922e2aa1dbee9")]
    public void Verify_RefusesMalformedHeaders(string? header) =>
        Assert.False(QaWebhookSignature.Verify(Secret, header, Body, Sent, TimeSpan.FromMinutes(5)));
}
