// Measures, on a running fleet, how long after a write is acknowledged by one node every other node shows it, and how
// long webhooks take from the write's commit to their receiver (this program, which is the fleet's webhook endpoint):
//   dotnet QaEdge.Propagation.dll --urls http://127.0.0.1:5099 --nodes http://127.0.0.1:5091,http://127.0.0.1:5092
//       --products 100000 --samples 300 --moderatorKey KEY --secret SECRET
// Each sample, on a random product: a question asked and reported on the first node, seen hidden by every node
// (so every node holds the product's page), then approved on the first node: approve-to-visible is the time from the
// approval's 204 until the question is on the page of every other node. Then a vote on the first node: vote-to-visible
// until every other node shows the new count. Polls are back-to-back GETs, so the resolution is one GET.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Shazamazon.QA.Contracts;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var settings = app.Configuration;
var nodes = (settings["nodes"] ?? throw new ArgumentException("--nodes: the edges, first the one written to")).Split(',');
var products = int.Parse(settings["products"] ?? "100000", CultureInfo.InvariantCulture);
var samples = int.Parse(settings["samples"] ?? "300", CultureInfo.InvariantCulture);
var moderatorKey = settings["moderatorKey"] ?? throw new ArgumentException("--moderatorKey");
var secret = settings["secret"] ?? throw new ArgumentException("--secret");
var limit = TimeSpan.FromSeconds(5);

// The webhook receiver: lag from the event's commit (occurredAt) to its arrival here, for signed events only.
var webhookLags = new ConcurrentQueue<double>();
var unsigned = 0;
app.MapPost("/hooks", async (HttpRequest request) =>
{
    var arrived = DateTime.UtcNow;
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body);
    if (!QaWebhookSignature.Verify(secret, request.Headers[QaWebhookSignature.Header], body.ToArray(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)))
    {
        Interlocked.Increment(ref unsigned);
        return Results.StatusCode(401);
    }

    var received = JsonSerializer.Deserialize(body.ToArray(), QaWireFormat.Json.QaWebhookEvent)!;
    webhookLags.Enqueue((arrived - received.OccurredAt).TotalMilliseconds);
    return Results.NoContent();
});
await app.StartAsync();

var clients = nodes.Select(n => new HttpClient { BaseAddress = new Uri(n) }).ToArray();
var writer = clients[0];
writer.DefaultRequestHeaders.Add("X-Qa-Moderator-Key", moderatorKey);
var approvals = new List<double>();
var votes = new List<double>();
var missed = 0;
var random = new Random(42);
for (var sample = 0; sample < samples; sample++)
{
    var product = random.Next(1, products + 1);
    var page = $"/api/v1/products/{product}/questions?sort=newest&count=5";
    using var asked = await writer.PostAsJsonAsync($"/api/v1/products/{product}/questions",
        new NewQuestion($"Propagation probe {sample}?", "probe", "probe@example.com"), QaWireFormat.Json.NewQuestion);
    asked.EnsureSuccessStatusCode();
    var question = (await asked.Content.ReadFromJsonAsync(QaWireFormat.Json.Question))!.Id;
    using (var report = await writer.PostAsJsonAsync($"/api/v1/questions/{question}/report", new Report("other", "probe"), QaWireFormat.Json.Report))
    {
        report.EnsureSuccessStatusCode();
    }

    if (!await EveryNodeAsync(clients, page, p => p.Questions.All(q => q.Id != question), limit))
    {
        missed++;
        continue;
    }

    using (var approve = await writer.PostAsync($"/api/v1/moderation/questions/{question}/approve", content: null))
    {
        approve.EnsureSuccessStatusCode();
    }

    var clock = Stopwatch.StartNew();
    if (await EveryNodeAsync(clients[1..], page, p => p.Questions.Any(q => q.Id == question), limit))
    {
        approvals.Add(clock.Elapsed.TotalMilliseconds);
    }
    else
    {
        missed++;
    }

    using (var vote = await writer.PostAsJsonAsync($"/api/v1/questions/{question}/votes", new Vote("up", "probe"), QaWireFormat.Json.Vote))
    {
        vote.EnsureSuccessStatusCode();
    }

    clock.Restart();
    if (await EveryNodeAsync(clients[1..], page, p => p.Questions.Any(q => q.Id == question && q.Helpful == 1), limit))
    {
        votes.Add(clock.Elapsed.TotalMilliseconds);
    }
    else
    {
        missed++;
    }
}

await Task.Delay(TimeSpan.FromSeconds(2)); // the last webhooks
Console.WriteLine($"approve-to-visible on {nodes.Length - 1} other nodes: {Describe(approvals)}");
Console.WriteLine($"vote-to-visible on {nodes.Length - 1} other nodes:    {Describe(votes)}");
Console.WriteLine($"webhook delivery lag (commit to receiver):   {Describe([.. webhookLags])}");
Console.WriteLine($"not visible within {limit.TotalSeconds} s: {missed}; unsigned webhooks: {unsigned}");
await app.StopAsync();
return missed == 0 && unsigned == 0 ? 0 : 1;

// Polls every node at once, back to back, until each shows the condition; false past the limit.
static async Task<bool> EveryNodeAsync(HttpClient[] nodes, string page, Func<ProductQuestionsPage, bool> shows, TimeSpan limit)
{
    var deadline = Stopwatch.StartNew();
    var results = await Task.WhenAll(nodes.Select(async node =>
    {
        while (deadline.Elapsed < limit)
        {
            var current = await node.GetFromJsonAsync(page, QaWireFormat.Json.ProductQuestionsPage);
            if (current is not null && shows(current))
            {
                return true;
            }
        }

        return false;
    }));
    return results.All(r => r);
}

static string Describe(List<double> values)
{
    if (values.Count == 0)
    {
        return "no samples";
    }

    values.Sort();
    double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"n={values.Count} p50 {At(0.5):F1} ms, p99 {At(0.99):F1} ms, max {values[^1]:F1} ms");
}
