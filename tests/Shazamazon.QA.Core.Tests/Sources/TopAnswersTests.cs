using System.Text;
using System.Text.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Tests.Sources;

public sealed class TopAnswersTests
{
    [Fact]
    public void Read_MapsEachStoredAnswerInOrder_WithItsTimeToTheMicrosecondInUtc()
    {
        // As PostgreSQL prints jsonb: keys by length, then bytes; and a key the reader does not know.
        var answers = Read("""
            [{"id": 9, "body": "Yes, \"fully\".", "helpful": 4, "extra": [1, {"a": 2}], "answererName": "bob", "createdAtMicros": 1700000000123456},
             {"id": 3, "body": "No", "helpful": -1, "answererName": "ann", "createdAtMicros": 0}]
            """);

        Assert.Equal(
            new[]
            {
                new Answer(9, "Yes, \"fully\".", "bob", new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc).AddTicks(1234560), 4),
                new Answer(3, "No", "ann", DateTime.UnixEpoch, -1),
            },
            answers);
        Assert.All(answers, a => Assert.Equal(DateTimeKind.Utc, a.CreatedAt.Kind));
    }

    [Fact]
    public void Read_None_IsEmpty() => Assert.Empty(Read("[]"));

    [Fact]
    public void Read_LongText_IsReadWhole()
    {
        var body = new string('é', 5000); // not ASCII: in UTF-8 twice as long
        var answer = Assert.Single(Read($$"""[{"id": 1, "body": "{{body}}", "helpful": 0, "answererName": "a", "createdAtMicros": 1}]"""));
        Assert.Equal(body, answer.Body);
    }

    [Theory]
    [InlineData("""{"id": 1}""")]
    [InlineData("""[{"id": 1, "helpful": 0, "answererName": "a", "createdAtMicros": 1}]""")]
    [InlineData("""[1]""")]
    public void Read_NotTheStoredShape_Throws(string json) => Assert.ThrowsAny<JsonException>(() => Read(json));

    // As Npgsql hands the jsonb column over: its UTF-8 text.
    private static List<Answer> Read(string json) => TopAnswers.Read(Encoding.UTF8.GetBytes(json));
}
