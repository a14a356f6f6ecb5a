using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.Core.Tests.Validation;

public sealed class QueryValidatorTests
{
    [Fact]
    public void QuestionPage_Defaults_ArePage1Count5Helpful()
    {
        var errors = new FieldErrors();
        Assert.Equal(new QuestionPageQuery(42, 1, 5, QuestionSort.Helpful), QueryValidator.QuestionPage("42", null, null, null, errors));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("1", "1", "100", "newest")]
    [InlineData("9223372036854775807", "100000", "1", "helpful")]
    public void QuestionPage_Bounds_AreAccepted(string id, string page, string count, string sort)
    {
        var errors = new FieldErrors();
        Assert.NotNull(QueryValidator.QuestionPage(id, page, count, sort, errors));
    }

    [Theory]
    [InlineData("0", null, null, null, "productId")]
    [InlineData("9223372036854775808", null, null, null, "productId")]
    [InlineData(" 1", null, null, null, "productId")]
    [InlineData("+1", null, null, null, "productId")]
    [InlineData("1e3", null, null, null, "productId")]
    [InlineData("1", "0", null, null, "page")]
    [InlineData("1", "100001", null, null, "page")]
    [InlineData("1", null, "101", null, "count")]
    [InlineData("1", null, "-1", null, "count")]
    [InlineData("1", null, null, "Helpful", "sort")]
    public void QuestionPage_Invalid_NamesTheField(string id, string? page, string? count, string? sort, string field)
    {
        var errors = new FieldErrors();
        Assert.Null(QueryValidator.QuestionPage(id, page, count, sort, errors));
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void QuestionPage_SeveralInvalid_ReportsEveryField()
    {
        var errors = new FieldErrors();
        QueryValidator.QuestionPage("x", "0", "0", "x", errors);
        Assert.Equal(["count", "page", "productId", "sort"], errors.ToDictionary().Keys.Order());
    }

    [Theory]
    [InlineData("  Water   PROOF\t", "water proof")]
    [InlineData("a", "a")]
    [InlineData("Does it float?", "does it float")]
    [InlineData("(waterproof), really!", "waterproof really")]
    [InlineData("\"rain coat\" -hood 3.5mm", "\"rain coat\" -hood 3.5mm")]
    public void Search_NormalizesText(string raw, string normalized)
    {
        var errors = new FieldErrors();
        Assert.Equal(normalized, QueryValidator.Search("1", raw, null, errors)!.Value.Text);
        Assert.Equal(10, QueryValidator.Search("1", raw, null, errors)!.Value.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    [InlineData(" ?! ")]
    public void Search_WithoutUsableText_IsInvalid(string? q)
    {
        var errors = new FieldErrors();
        Assert.Null(QueryValidator.Search("1", q, null, errors));
        Assert.Equal(["q"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Search_Over150Characters_IsInvalid()
    {
        var errors = new FieldErrors();
        Assert.NotNull(QueryValidator.Search("1", new string('a', 150), null, errors));
        Assert.Null(QueryValidator.Search("1", new string('a', 151), null, errors));
    }
}
