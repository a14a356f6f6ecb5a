using Shazamazon.QA.Core.Writes;

namespace Shazamazon.QA.Core.Tests.Writes;

public sealed class ProductChangeTests
{
    [Fact]
    public void WireForm_RoundTrips()
    {
        var change = new ProductChange(42, 9_000_000_001);
        Assert.Equal("42:9000000001", change.ToString());
        Assert.True(ProductChange.TryParse(change.ToString(), out var parsed));
        Assert.Equal(change, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("42")]
    [InlineData(":5")]
    [InlineData("42:")]
    [InlineData("-1:5")]
    [InlineData("42:5:6")]
    [InlineData("a:b")]
    public void TryParse_Rejects_AnythingElse(string text) => Assert.False(ProductChange.TryParse(text, out _));
}
