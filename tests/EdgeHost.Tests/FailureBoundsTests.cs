using System.Net;
using System.Net.Sockets;
using Npgsql;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// What bounds a failing source's cost: a read timeout, a circuit breaker that stops calling a PostgreSQL that keeps
/// failing, and a bound on the fills running at once, past which a miss gets a clear 503 while hits are served.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class FailureBoundsTests
{
    [Fact]
    public async Task ABlackholedDatabase_FailsFillsWithinTheReadTimeout_ThenTheCircuitStopsCallingIt()
    {
        await using var blackhole = Blackhole.Start();
        var database = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = blackhole.Port, Username = "qa", Database = "qa" }.ConnectionString;
        await using var edge = await EdgeHostInstance.StartAsync(database, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Database:ReadTimeout"] = "00:00:00.300",
            ["Qa:Database:BreakAfterFailures"] = "2",
            ["Qa:Database:BreakDuration"] = "00:05:00",
            ["Qa:Coherence:ListenToDatabase"] = "false",
        }, migrate: false);

        foreach (var product in new[] { 1, 2 })
        {
            using var response = await edge.Client.GetAsync($"/api/v1/products/{product}/questions");
            await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        var reached = blackhole.Accepted;
        Assert.True(reached >= 2, $"the two fills reached the database ({reached} connections)");
        using (var ready = await edge.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("\"postgres\":\"circuit-open\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var product in new[] { 3, 4, 5 })
        {
            await HttpAssert.ProblemAsync(await edge.Client.GetAsync($"/api/v1/products/{product}/questions"), HttpStatusCode.ServiceUnavailable);
        }

        Assert.Equal(reached, blackhole.Accepted); // the open circuit skipped the database
    }

    [Fact]
    public async Task WithEveryFillSlotTaken_AMissGets503WithRetryAfter_WhileHitsAreServed()
    {
        await using var origin = await FakeService.StartAsync();
        origin.Handler = FakeService.PageFrom(77, 1);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, TopologyTests.OriginMode(origin.Address, new()
        {
            ["Qa:Cache:MaxConcurrentFills"] = "1",
            ["Qa:Cache:FillQueueTimeout"] = "00:00:00.200",
        }), migrate: false);
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync("/api/v1/products/5/questions")).StatusCode);

        origin.Delay = TimeSpan.FromSeconds(3);
        var slow = edge.Client.GetAsync("/api/v1/products/6/questions");
        await Eventually.TrueAsync(() => Task.FromResult(origin.Hits("/api/v1/products/6/questions?page=1&count=5&sort=helpful") == 1), "the slow fill holds the only slot");

        using (var refused = await edge.Client.GetAsync("/api/v1/products/7/questions"))
        {
            var problem = await HttpAssert.ProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("too many answers at once", problem.ToString(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        }

        using (var hit = await edge.Client.GetAsync("/api/v1/products/5/questions"))
        {
            Assert.Equal((HttpStatusCode.OK, "HIT-L1"), (hit.StatusCode, HttpAssert.CacheOutcome(hit)));
        }

        using var filled = await slow;
        Assert.Equal((HttpStatusCode.OK, "MISS"), (filled.StatusCode, HttpAssert.CacheOutcome(filled)));
        Assert.Equal(0, origin.Hits("/api/v1/products/7/questions?page=1&count=5&sort=helpful"));
    }

    // A server that accepts connections and never answers: a database behind a dead network path.
    private sealed class Blackhole : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);
        private readonly List<TcpClient> _held = [];
        private int _accepted;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Accepted => Volatile.Read(ref _accepted);

        public static Blackhole Start()
        {
            var blackhole = new Blackhole();
            blackhole._listener.Start();
            _ = blackhole.AcceptAsync();
            return blackhole;
        }

        public ValueTask DisposeAsync()
        {
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(c => c.Dispose());
            }

            return ValueTask.CompletedTask;
        }

        private async Task AcceptAsync()
        {
            while (true)
            {
                try
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_held)
                    {
                        _held.Add(client);
                    }

                    Interlocked.Increment(ref _accepted);
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }
    }
}
