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
        Assert.Equal(new QuestionPageQuery(42, 1, 5, QuestionSort.Helpful), QueryValidator.QuestionPage("42", null, null, null, null, null, errors));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("1", "1", "100", "newest")]
    [InlineData("9223372036854775807", "100000", "1", "helpful")]
    public void QuestionPage_Bounds_AreAccepted(string id, string page, string count, string sort)
    {
        var errors = new FieldErrors();
        Assert.NotNull(QueryValidator.QuestionPage(id, page, count, sort, null, null, errors));
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
        Assert.Null(QueryValidator.QuestionPage(id, page, count, sort, null, null, errors));
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Theory]
    [InlineData("mostAnswered", null, QuestionSort.MostAnswered, null)]
    [InlineData("recentlyAnswered", "true", QuestionSort.RecentlyAnswered, true)]
    [InlineData(null, "false", QuestionSort.Helpful, false)]
    public void QuestionPage_TakesTheNewSortsAndTheAnsweredFilter(string? sort, string? answered, QuestionSort expected, bool? filter)
    {
        var errors = new FieldErrors();
        Assert.Equal(new QuestionPageQuery(42, 1, 5, expected, filter), QueryValidator.QuestionPage("42", null, null, sort, answered, null, errors));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData(null, "yes", null, "answered")]
    [InlineData(null, "True", null, "answered")]
    [InlineData("2", null, "cursor", "cursor")] // a cursor says where its page starts: no page with it
    [InlineData(null, null, "not-a-cursor", "cursor")]
    public void QuestionPage_BadFilterOrCursor_NamesIt(string? page, string? answered, string? cursor, string field)
    {
        var errors = new FieldErrors();
        var valid = new KeysetCursor(QuestionPageQuery.Tag(QuestionSort.Helpful, null), 7, 99, Version: 12, Position: 10).Encode();
        Assert.Null(QueryValidator.QuestionPage("42", page, null, null, answered, cursor == "cursor" ? valid : cursor, errors));
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void QuestionPage_ACursor_CarriesItsWalk_AndBelongsToItsSortAndFilter()
    {
        var cursor = new KeysetCursor(QuestionPageQuery.Tag(QuestionSort.Newest, true), 638_000_000_000_000_000, 99, Version: 12, Position: 10);
        var errors = new FieldErrors();

        var query = QueryValidator.QuestionPage("42", null, "5", "newest", "true", cursor.Encode(), errors);

        Assert.Equal(new QuestionPageQuery(42, 3, 5, QuestionSort.Newest, true, cursor), query);
        Assert.Null(QueryValidator.QuestionPage("42", null, "5", "newest", null, cursor.Encode(), errors)); // another filter
        Assert.Null(QueryValidator.QuestionPage("42", null, "5", "helpful", "true", cursor.Encode(), errors)); // another sort
        Assert.Equal(["cursor"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void KeysetCursor_RoundTrips_AndRefusesAnotherTagOrAChangedText()
    {
        var cursor = new KeysetCursor(0x21, -5, long.MaxValue, 123_456_789, int.MaxValue);
        var text = cursor.Encode();

        Assert.Equal(KeysetCursor.TextLength, text.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", text);
        Assert.True(KeysetCursor.TryDecode(text, 0x21, out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.False(KeysetCursor.TryDecode(text, 0x22, out _));
        Assert.False(KeysetCursor.TryDecode(text[..^1], 0x21, out _));
        Assert.False(KeysetCursor.TryDecode(new KeysetCursor(0x21, 1, 0).Encode(), 0x21, out _)); // no item has id 0
    }

    [Fact]
    public void QuestionPage_SeveralInvalid_ReportsEveryField()
    {
        var errors = new FieldErrors();
        QueryValidator.QuestionPage("x", "0", "0", "x", null, null, errors);
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
