using System.Text.Json;
using MessagePack;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Tests.Caching;

public sealed class WireFormatTests
{
    private static readonly ProductQuestionsPage Page = new(42, "Quidditch Kit Set", "quidditch", 17, 1, 5, "helpful",
    [
        new Question(123, "Is it waterproof?", "jim", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), 7, 2,
            [new Answer(9, "Yes.", "bob", new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc), 3)]),
    ]);

    [Fact]
    public void Json_MatchesTheContractExample_WithNextCursorNullOnTheLastPage()
    {
        var json = JsonSerializer.Serialize(Page, QaWireFormat.Json.ProductQuestionsPage);
        Assert.Equal(
            """{"productId":42,"productName":"Quidditch Kit Set","category":"quidditch","totalQuestions":17,"page":1,"count":5,"sort":"helpful","questions":[{"id":123,"body":"Is it waterproof?","askerName":"jim","createdAt":"2024-01-02T03:04:05Z","helpful":7,"answerCount":2,"answers":[{"id":9,"body":"Yes.","answererName":"bob","createdAt":"2024-01-03T00:00:00Z","helpful":3}]}],"nextCursor":null}""",
            json);
    }

    [Fact]
    public void MessagePack_IsAMapWithTheJsonNames_AndRoundTrips()
    {
        var bytes = MessagePackSerializer.Serialize(Page, QaWireFormat.MessagePack);
        var asJson = MessagePackSerializer.ConvertToJson(bytes);
        Assert.StartsWith("{\"productId\":42,\"productName\":\"Quidditch Kit Set\"", asJson, StringComparison.Ordinal);

        var copy = MessagePackSerializer.Deserialize<ProductQuestionsPage>(bytes, QaWireFormat.MessagePack);
        Assert.Equal(Page with { Questions = [] }, copy with { Questions = [] });
        Assert.Equal(Page.Questions[0].Answers, copy.Questions[0].Answers);
        Assert.Equal(DateTimeKind.Utc, copy.Questions[0].CreatedAt.Kind);
    }
}
