using System.Globalization;
using Shazamazon.QA.Bulk.Import;

namespace Shazamazon.QA.Bulk.Tests.Import;

public sealed class ImportFieldsTests
{
    [Theory]
    [InlineData("2021-03-01T12:34:56Z")]
    [InlineData("2021-03-01T12:34:56.7Z")]
    [InlineData("2021-03-01T12:34:56.789Z")]
    [InlineData("2021-05-06T07:08:09.123456Z")]
    [InlineData("2020-02-29T23:59:59.9999999Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void TryParseUtc_ReadsTheExportForm_AsTheGeneralParserDoes(string text)
    {
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;

        Assert.True(ImportFields.TryParseUtc(text, out var value));
        Assert.Equal(expected, value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Theory]
    [InlineData("2021-03-01T12:34:56+02:00")] // an offset: the general parser's
    [InlineData("2021-03-01 12:34:56Z")]
    [InlineData("2021-03-01T12:34:56.Z")]
    [InlineData("2021-03-01T12:34:56.12345678Z")]
    [InlineData("2021-02-29T00:00:00Z")] // not a leap year
    [InlineData("2021-13-01T00:00:00Z")]
    [InlineData("2021-03-01T24:00:00Z")]
    [InlineData("2021-03-01T12:60:00Z")]
    [InlineData("2021-0a-01T12:00:00Z")]
    [InlineData("yesterday")]
    public void TryParseUtc_LeavesEveryOtherForm(string text) => Assert.False(ImportFields.TryParseUtc(text, out _));

    [Theory]
    [InlineData("2021-03-01T14:34:56+02:00", "2021-03-01T12:34:56Z")]
    [InlineData("2021-03-01T12:34:56", "2021-03-01T12:34:56Z")]
    [InlineData("1614602096000", "2021-03-01T12:34:56Z")]
    [InlineData("2021-03-01T12:34:56.5Z", "2021-03-01T12:34:56.5Z")]
    public void Date_ReadsIsoWithOrWithoutOffset_AndEpochMilliseconds(string text, string utc)
    {
        Assert.Null(ImportFields.Date(text, "date_written", out var value));
        Assert.Equal(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture).UtcDateTime, value);
    }

    [Theory]
    [InlineData("2021-02-30T00:00:00Z")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("12:00")]
    public void Date_RejectsWhatIsNotADate_NamingTheColumn(string text) =>
        Assert.StartsWith("date_written must be an ISO-8601 date", ImportFields.Date(text, "date_written", out _), StringComparison.Ordinal);
}
