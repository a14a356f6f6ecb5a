using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests.Fleet;

/// <summary>
/// A steady load through the fleet's load balancer while a fault happens: readers of the products' (cached) pages and
/// one writer voting on their questions. It counts what clients saw: reads and read errors, writes acknowledged, writes
/// refused (a 503 problem: nothing written) and writes whose fate the client cannot know (a reset or 502: written or
/// not), and when writes were last failing.
/// </summary>
internal sealed class FleetLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly HttpClient _client;
    private long _reads;
    private long _readErrors;
    private long _acked;
    private long _refused;
    private long _unknown;
    private long _lastWriteFailureTicks = -1;

    private FleetLoad(FleetFixture fleet, int readers)
    {
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = fleet.Balancer.Address, Timeout = TimeSpan.FromSeconds(10) };
        _workers = [.. Enumerable.Range(0, readers).Select(r => Task.Run(() => ReadAsync(fleet.Products, r))), Task.Run(() => WriteAsync(fleet.Questions))];
    }

    /// <summary>Every page read once through the balancer (each is then cached), then the load starts.</summary>
    public static async Task<FleetLoad> StartAsync(FleetFixture fleet, int readers = 3)
    {
        using var warm = new HttpClient { BaseAddress = fleet.Balancer.Address };
        foreach (var product in fleet.Products)
        {
            (await warm.GetAsync(Page(product))).EnsureSuccessStatusCode();
        }

        return new FleetLoad(fleet, readers);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Stops the load and says what clients saw; <paramref name="faultAt"/> is when the fault began.</summary>
    public async Task<FleetLoadResult> StopAsync(TimeSpan faultAt)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        var lastFailure = Interlocked.Read(ref _lastWriteFailureTicks);
        var recovery = lastFailure < 0 ? TimeSpan.Zero : TimeSpan.FromTicks(lastFailure) - faultAt;
        return new FleetLoadResult(_reads, _readErrors, _acked, _refused, _unknown, recovery < TimeSpan.Zero ? TimeSpan.Zero : recovery);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        _client.Dispose();
        _stop.Dispose();
    }

    private static string Page(long product) => $"/api/v1/products/{product}/questions";

    private async Task ReadAsync(IReadOnlyList<long> products, int seed)
    {
        var random = new Random(seed);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await _client.GetAsync(Page(products[random.Next(products.Count)]), CancellationToken.None);
                Interlocked.Increment(ref _reads);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref _readErrors);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _reads);
                Interlocked.Increment(ref _readErrors);
            }

            await Task.Delay(5, CancellationToken.None);
        }
    }

    private async Task WriteAsync(IReadOnlyList<long> questions)
    {
        var random = new Random(99);
        while (!_stop.IsCancellationRequested)
        {
            var question = questions[random.Next(questions.Count)];
            try
            {
                using var response = await _client.PostAsJsonAsync($"/api/v1/questions/{question}/votes", new Vote("up"), QaWireFormat.Json.Vote, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    Interlocked.Increment(ref _acked);
                }
                else
                {
                    Interlocked.Increment(ref response.StatusCode == HttpStatusCode.ServiceUnavailable ? ref _refused : ref _unknown);
                    Interlocked.Exchange(ref _lastWriteFailureTicks, _clock.Elapsed.Ticks);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _unknown);
                Interlocked.Exchange(ref _lastWriteFailureTicks, _clock.Elapsed.Ticks);
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}

/// <summary>What clients saw during one fault.</summary>
internal sealed record FleetLoadResult(long Reads, long ReadErrors, long Acked, long Refused, long Unknown, TimeSpan WritesRecoveredAfter)
{
    public string Row(string fault, long found) => string.Create(CultureInfo.InvariantCulture,
        $"| {fault} | {Reads} | {ReadErrors} | {Acked} | {Refused} | {Unknown} | {found} | {WritesRecoveredAfter.TotalSeconds:F1} s |");
}
