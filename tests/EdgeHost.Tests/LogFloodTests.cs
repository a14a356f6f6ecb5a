using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Warnings that every request of an outage or a flood would repeat are written once per interval, with a count.</summary>
[Collection(EdgeCollection.Name)]
public sealed class LogFloodTests
{
    [Fact]
    public async Task AnOutageAndABadKeyFlood_WriteOneWarningEach_NotOnePerRequest()
    {
        using var logs = new CountingLogs();
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null,
            new Dictionary<string, string?> { ["Qa:Admin:ApiKey"] = "an-admin-key-long-enough-to-pass" }, migrate: false, logs: logs);

        for (var i = 0; i < 30; i++)
        {
            using var miss = await edge.Client.GetAsync($"/api/v1/products/{9_000_000 + i}/questions");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, miss.StatusCode);
            using var admin = new HttpRequestMessage(HttpMethod.Get, "/admin/cache");
            admin.Headers.Add("X-Api-Key", "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, (await edge.Client.SendAsync(admin)).StatusCode);
        }

        Assert.Equal(1, logs.Warnings("Shazamazon.QA.EdgeHost.Http.SourceUnavailableHandler"));
        Assert.Equal(1, logs.Warnings("Shazamazon.QA.EdgeHost.Admin.AdminEndpoints"));
    }

    private sealed class CountingLogs : ILoggerProvider
    {
        private readonly ConcurrentDictionary<string, int> _warnings = new(StringComparer.Ordinal);

        public int Warnings(string category) => _warnings.GetValueOrDefault(category);

        public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Counter(CountingLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel == LogLevel.Warning)
                {
                    owner._warnings.AddOrUpdate(category, 1, static (_, n) => n + 1);
                }
            }
        }
    }
}
