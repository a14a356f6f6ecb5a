using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

/// <summary>
/// Measures how long a committed write takes to show on every node. For each of --writes votes on one question, sent
/// through the nodes in turn, it polls every node's page of that product until it shows the new score, and records the
/// delay from the write's response. Meanwhile --readers tasks keep reading random products from random nodes (the read
/// load). Prints p50/p99/max over every (write, node) pair.
///   QaEdge.Bench coherence --nodes http://127.0.0.1:5080,http://127.0.0.1:5081,http://127.0.0.1:5082 --product 7 --writes 200 --readers 8
/// </summary>
internal static class Coherence
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        var nodes = Get("--nodes", "http://127.0.0.1:5080,http://127.0.0.1:5081,http://127.0.0.1:5082").Split(',').Select(n => new HttpClient { BaseAddress = new Uri(n), Timeout = TimeSpan.FromSeconds(10) }).ToArray();
        var product = long.Parse(Get("--product", "7"), CultureInfo.InvariantCulture);
        var writes = int.Parse(Get("--writes", "200"), CultureInfo.InvariantCulture);
        var readers = int.Parse(Get("--readers", "8"), CultureInfo.InvariantCulture);
        var catalog = long.Parse(Get("--products", "100000"), CultureInfo.InvariantCulture);
        var page = $"/api/v1/products/{product}/questions?count=100";

        var first = JsonDocument.Parse(await nodes[0].GetStringAsync(page)).RootElement.GetProperty("questions")[0];
        var question = first.GetProperty("id").GetInt64();

        using var stop = new CancellationTokenSource();
        long reads = 0;
        var load = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var node = nodes[random.Next(nodes.Length)];
                using var _ = await node.GetAsync($"/api/v1/products/{random.NextInt64(1, catalog + 1)}/questions");
                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        var delays = new List<double>();
        var clock = Stopwatch.StartNew();
        for (var w = 0; w < writes; w++)
        {
            var writer = nodes[w % nodes.Length];
            // Each vote from another voter (one vote per voter per item): every one moves the count.
            using var vote = new StringContent($$"""{"direction":"up","voter":"coherence-{{w}}-{{Guid.NewGuid():N}}"}""", Encoding.UTF8, "application/json");
            using var response = await writer.PostAsync($"/api/v1/questions/{question}/votes", vote);
            response.EnsureSuccessStatusCode();
            var written = Stopwatch.GetTimestamp();
            var expected = await HelpfulAsync(writer, page, question);
            var waits = nodes.Select(async node =>
            {
                while (await HelpfulAsync(node, page, question) < expected)
                {
                    await Task.Delay(2);
                }

                return Stopwatch.GetElapsedTime(written).TotalMilliseconds;
            });
            delays.AddRange(await Task.WhenAll(waits));
        }

        await stop.CancelAsync();
        await Task.WhenAll(load).ContinueWith(_ => { }, TaskScheduler.Default);
        delays.Sort();
        double P(double q) => delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(q * delays.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{writes} writes x {nodes.Length} nodes under {reads / clock.Elapsed.TotalSeconds:F0} reads/s ({readers} readers): " +
            $"write-to-visible p50 {P(0.5):F1} ms, p99 {P(0.99):F1} ms, max {delays[^1]:F1} ms"));
        return 0;
    }

    // The writer's node reflects its own write at once (read-your-writes): its score is the one every node must reach.
    private static async Task<int> HelpfulAsync(HttpClient node, string page, long question)
    {
        var root = JsonDocument.Parse(await node.GetStringAsync(page)).RootElement;
        foreach (var q in root.GetProperty("questions").EnumerateArray())
        {
            if (q.GetProperty("id").GetInt64() == question)
            {
                return q.GetProperty("helpful").GetInt32();
            }
        }

        throw new InvalidOperationException($"Question {question} left the first page of product.");
    }
}
