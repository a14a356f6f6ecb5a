using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Search on the vectors PostgreSQL maintains (migration 0004), and search text normalised into one key.</summary>
[Collection(EdgeCollection.Name)]
public sealed class SearchIndexTests(EdgeFixture fixture)
{
    private HttpClient Client => fixture.Edge.Client;

    [Fact]
    public async Task Search_FollowsAnswersAsTheyAreAddedEditedAndReported()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Is it warm enough for winter?");
        Assert.Empty(await SearchAsync(p, "fleece"));

        using var answered = await Client.PostAsJsonAsync($"/api/v1/questions/{q}/answers",
            new NewAnswer("Lined with fleece, very warm.", "Cy", "cy@example.com"), QaWireFormat.Json.NewAnswer);
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var a = (await answered.Content.ReadFromJsonAsync(QaWireFormat.Json.Answer))!.Id;
        await Eventually.TrueAsync(async () => (await SearchAsync(p, "fleece")).SequenceEqual([q]), "the answer's text is found");

        await fixture.Catalog.ScalarAsync<int>("UPDATE answers SET body = 'Lined with wool.' WHERE id = $1 RETURNING 1", a);
        await Eventually.TrueAsync(async () => (await SearchAsync(p, "wool")).SequenceEqual([q]) && (await SearchAsync(p, "fleece")).Count == 0,
            "an answer edited in SQL is searched by its new text");

        using var reported = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/answers/{a}/report") { Content = JsonContent.Create(new { }) };
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(reported)).StatusCode);
        await Eventually.TrueAsync(async () => (await SearchAsync(p, "wool")).Count == 0, "a reported answer's text is no longer found");
    }

    [Fact]
    public async Task EveryStoredVector_IsTheOneItsQuestionAndAnswersDefine()
    {
        // The seeded rows were bulk loaded with triggers off (vectors filled after the load), the tests' rows went through
        // the triggers: all must agree with the definition.
        var differing = await fixture.Catalog.ScalarAsync<long>(
            "SELECT count(*) FROM questions WHERE search_vector IS DISTINCT FROM qa_search_vector(id, body)");
        Assert.Equal(0, differing);
        Assert.True(await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE search_vector IS NOT NULL") > 0);
    }

    [Theory]
    [InlineData("Does it float?", "does  it FLOAT")]
    [InlineData("(waterproof)", "waterproof.")]
    public async Task EquivalentSearchText_SharesOneCachedEntry(string first, string second)
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "Does it float? Is it waterproof?");
        using var miss = await Client.GetAsync($"/api/v1/products/{p}/questions/search?q={Uri.EscapeDataString(first)}");
        using var hit = await Client.GetAsync($"/api/v1/products/{p}/questions/search?q={Uri.EscapeDataString(second)}");
        Assert.Equal(("MISS", "HIT-L1"), (HttpAssert.CacheOutcome(miss), HttpAssert.CacheOutcome(hit)));
        Assert.Single((await hit.Content.ReadFromJsonAsync(QaWireFormat.Json.QuestionSearchResults))!.Questions);
    }

    private async Task<List<long>> SearchAsync(long product, string q) =>
        (await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{product}/questions/search?q={q}"), QaWireFormat.Json.QuestionSearchResults))
            .Questions.Select(x => x.Id).ToList();
}
