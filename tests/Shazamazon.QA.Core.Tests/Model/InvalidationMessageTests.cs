using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Tests.Model;

public sealed class InvalidationMessageTests
{
    [Fact]
    public void Change_RoundTrips_AsProductColonVersion()
    {
        var change = new ProductChange(42, 9_000_000_001);
        var text = InvalidationMessage.Changed(change).ToString();

        Assert.Equal("42:9000000001", text);
        Assert.True(InvalidationMessage.TryParse(text, out var parsed));
        Assert.Equal((InvalidationKind.Change, change), (parsed.Kind, parsed.Change));
        Assert.True(InvalidationMessage.TryParseChange(text, out var header));
        Assert.Equal(change, header);
    }

    [Fact]
    public void PurgeAndFlush_RoundTrip()
    {
        Assert.Equal("purge:7", InvalidationMessage.Purged(7).ToString());
        Assert.True(InvalidationMessage.TryParse("purge:7", out var purge));
        Assert.Equal((InvalidationKind.Purge, 7L), (purge.Kind, purge.ProductId));

        Assert.Equal("*", InvalidationMessage.Flush.ToString());
        Assert.True(InvalidationMessage.TryParse("*", out var flush));
        Assert.Equal(InvalidationKind.Flush, flush.Kind);
    }

    [Fact]
    public void Reset_RoundTripsWithItsInstant()
    {
        Assert.Equal("reset:1800000000000", InvalidationMessage.Reset(1_800_000_000_000).ToString());
        Assert.True(InvalidationMessage.TryParse("reset:1800000000000", out var reset));
        Assert.Equal((InvalidationKind.Reset, 1_800_000_000_000L, 0L), (reset.Kind, reset.ResetAtUnixMs, reset.ProductId));
        Assert.False(InvalidationMessage.TryParse("reset:", out _));
        Assert.False(InvalidationMessage.TryParseChange("reset:5", out _));
    }

    [Fact]
    public void TryParseChange_RejectsPurgesAndFlushes()
    {
        Assert.False(InvalidationMessage.TryParseChange("purge:7", out _));
        Assert.False(InvalidationMessage.TryParseChange("*", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("**")]
    [InlineData("42")]
    [InlineData(":5")]
    [InlineData("42:")]
    [InlineData("-1:5")]
    [InlineData("42:5:6")]
    [InlineData("a:b")]
    [InlineData("purge:")]
    [InlineData("purge:x")]
    [InlineData("purge:-3")]
    public void TryParse_Rejects_AnythingElse(string text) => Assert.False(InvalidationMessage.TryParse(text, out _));
}
