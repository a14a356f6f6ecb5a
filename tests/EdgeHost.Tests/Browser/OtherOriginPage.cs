using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Shazamazon.QA.EdgeHost.Tests.Browser;

/// <summary>
/// Product pages served from another origin (their own Kestrel on another loopback port): <c>/embed</c> embeds the Q&amp;A
/// widget from the edge; <c>/product</c>'s script does what the existing legacy widget does: <c>GET /item?id=</c> from the edge, show the questions, and vote with
/// <c>PUT /updateVote</c> carrying the <c>_id</c> strings it read. Its outcome is written into <c>#status</c>.
/// </summary>
internal sealed class OtherOriginPage : IAsyncDisposable
{
    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>A product page on another origin</title></head>
        <body>
        <ul id="qa"></ul>
        <p id="status">loading</p>
        <script>
        const edge = new URLSearchParams(location.search).get('edge');
        const product = new URLSearchParams(location.search).get('product');
        const status = text => document.getElementById('status').textContent = text;
        async function load() {
          const answer = await fetch(`${edge}/item?id=${product}`);
          const item = await answer.json();
          const list = document.getElementById('qa');
          list.replaceChildren(...item.QA.map(q => {
            const li = document.createElement('li');
            li.dataset.id = q._id;
            li.dataset.votes = q.Votes;
            li.textContent = `${q.Qstn} (${q.Votes})`;
            return li;
          }));
          return item;
        }
        async function run() {
          try {
            const item = await load();
            status('loaded');
            if (new URLSearchParams(location.search).get('vote') !== '1') return;
            const question = item.QA[0];
            const answer = await fetch(`${edge}/updateVote`, {
              method: 'PUT',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ pID: String(item.ProductId), qID: question._id, votes: question.Votes + 1 }),
            });
            await load();
            status(`voted ${answer.status}`);
          } catch (error) {
            status(`error: ${error.message}`);
          }
        }
        run();
        </script>
        </body></html>
        """;

    private readonly WebApplication _app;

    private OtherOriginPage(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.First());

    public static async Task<OtherOriginPage> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/product", () => Results.Content(Html, "text/html; charset=utf-8"));
        app.MapGet("/embed", (long product, string edge) => Results.Content(EmbeddingPage(product, new Uri(edge)), "text/html; charset=utf-8"));
        await app.StartAsync();
        return new OtherOriginPage(app);
    }

    // A shop's product page embedding the Q&A widget the documented way: one element naming the product, one script tag.
    private static string EmbeddingPage(long product, Uri edge) => $$"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>A shop's product page</title></head>
        <body>
        <h1>A shop's product page</h1>
        <div id="qa" data-qa-product="{{product}}"></div>
        <script src="{{edge.GetLeftPart(UriPartial.Authority)}}/widget/v1/qa-widget.js" defer></script>
        </body></html>
        """;

    /// <summary>A page embedding the Q&amp;A widget from <paramref name="edge"/> for <paramref name="productId"/>.</summary>
    public Uri Embedding(Uri edge, long productId) =>
        new(Address, $"/embed?edge={Uri.EscapeDataString(edge.GetLeftPart(UriPartial.Authority))}&product={productId}");

    /// <summary>The page's address, calling <paramref name="edge"/> for <paramref name="productId"/>.</summary>
    public Uri For(Uri edge, long productId, bool vote = false) =>
        new(Address, $"/product?edge={Uri.EscapeDataString(edge.GetLeftPart(UriPartial.Authority))}&product={productId}{(vote ? "&vote=1" : string.Empty)}");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
