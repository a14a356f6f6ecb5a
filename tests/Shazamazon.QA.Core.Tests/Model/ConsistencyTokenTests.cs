using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Tests.Model;

public sealed class ConsistencyTokenTests
{
    [Fact]
    public void Parse_OneOrSeveral_AndTheMinimumIsPerProduct()
    {
        Assert.True(ConsistencyToken.TryParse("42:7|43:9", out var token));
        Assert.Equal((7L, 9L, 0L), (token.MinimumVersion(42), token.MinimumVersion(43), token.MinimumVersion(44)));
        Assert.Equal("42:7|43:9", token.ToString());
        Assert.True(ConsistencyToken.None.IsEmpty);
        Assert.Equal(0, ConsistencyToken.None.MinimumVersion(42));
    }

    [Fact]
    public void With_RaisesNeverLowers_AndForgetsTheOldestPastTheBound()
    {
        var token = ConsistencyToken.Of(new ProductChange(1, 10)).With(new ProductChange(1, 5));
        Assert.Equal(10, token.MinimumVersion(1));

        for (var product = 2; product <= ConsistencyToken.MaxProducts + 1; product++)
        {
            token = token.With(new ProductChange(product, product));
        }

        Assert.Equal(ConsistencyToken.MaxProducts, token.Changes.Count);
        Assert.Equal(0, token.MinimumVersion(1));
        Assert.True(ConsistencyToken.TryParse(token.ToString(), out var again));
        Assert.Equal(token, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("42:0")]
    [InlineData("0:5")]
    [InlineData("42:5|")]
    [InlineData("42:5;43:6")]
    [InlineData("1:1|2:2|3:3|4:4|5:5|6:6|7:7|8:8|9:9")]
    public void Parse_RefusesAnythingElse(string text) => Assert.False(ConsistencyToken.TryParse(text, out _));
}
