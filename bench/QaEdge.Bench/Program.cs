using System.Diagnostics;
using System.Globalization;

// cold (default): GET /api/v1/products/{id}/questions for N distinct random products (each one a cache miss on a fresh
// edge), one request at a time or C at a time, and reports latency percentiles as the client saw them.
//   dotnet run -c Release --project bench/QaEdge.Bench -- --base http://127.0.0.1:5080 --products 10000000 --count 1000
// coherence: see Coherence.cs.
if (args.FirstOrDefault() == "coherence")
{
    return await Coherence.RunAsync(args[1..]);
}

var options = Args.Parse(args);
using var client = new HttpClient { BaseAddress = new Uri(options.Base), Timeout = TimeSpan.FromSeconds(30) };
var random = new Random(options.Seed);
var ids = new HashSet<long>();
while (ids.Count < options.Count)
{
    ids.Add(random.NextInt64(1, options.Products + 1));
}

var queue = new Queue<long>(ids);
var latencies = new List<double>(options.Count);
var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
var gate = new Lock();
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async worker =>
{
    while (true)
    {
        long id;
        lock (gate)
        {
            if (!queue.TryDequeue(out id))
            {
                return;
            }
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync($"/api/v1/products/{id}/questions{options.Query}");
        _ = await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var outcome = $"{(int)response.StatusCode} {string.Join(",", response.Headers.TryGetValues("X-Cache", out var v) ? v : ["-"])}";
        lock (gate)
        {
            latencies.Add(elapsed);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
    }
}));
wall.Stop();

latencies.Sort();
double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{latencies.Count} requests, concurrency {options.Concurrency}, {latencies.Count / wall.Elapsed.TotalSeconds:F0} req/s: " +
    $"p50 {P(0.50):F2} ms, p90 {P(0.90):F2} ms, p99 {P(0.99):F2} ms, max {latencies[^1]:F2} ms"));
Console.WriteLine("outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} x{o.Value}")));
return 0;

internal sealed record Args(string Base, long Products, int Count, int Concurrency, int Seed, string Query)
{
    public static Args Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Args(
            Get("--base", "http://127.0.0.1:5080"),
            long.Parse(Get("--products", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--count", "1000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--concurrency", "1"), CultureInfo.InvariantCulture),
            int.Parse(Get("--seed", "1"), CultureInfo.InvariantCulture),
            Get("--query", string.Empty));
    }
}
