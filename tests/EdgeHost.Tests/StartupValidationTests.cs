using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>A configuration that cannot work stops the host at start-up, with every bad key named at once.</summary>
[Collection(EdgeCollection.Name)]
public sealed class StartupValidationTests(EdgeFixture fixture)
{
    [Fact]
    public async Task BadOptions_OfEverySection_AreAllNamed_BeforeAnythingIsServed()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Cache:RedisTimeout"] = "00:05:00",
            ["Qa:Cache:QuestionPages"] = "00:00:00",
            ["Qa:Coherence:MaxStalenessWhileDisconnected"] = "02:00:00",
            ["Qa:Protection:WritesPerMinute"] = "0",
            ["Qa:Protection:KnownProxies:0"] = "the-load-balancer",
            ["Qa:Protection:KnownProxies:1"] = "10.0.0.0/8", // a network is valid
            ["Qa:Admin:ApiKey"] = "short",
            ["Qa:Cache:MaxConcurrentFills"] = "0",
            ["Qa:Database:ReadTimeout"] = "00:00:00",
            ["Qa:Shutdown:DrainTime"] = "00:05:00",
            ["Qa:Coherence:Heartbeat"] = "00:00:00",
            ["Qa:Cache:CursorLifetime"] = "00:00:10",
            ["Qa:Moderation:ModeratorKey"] = "short",
            ["Qa:Webhooks:Endpoints:0:Url"] = "shop.example/hooks",
            ["Qa:Webhooks:Endpoints:0:Secret"] = "short",
            ["Qa:Webhooks:Endpoints:0:Events:0"] = "question.deleted",
            ["Qa:Webhooks:RetryFor"] = "00:00:00",
        }, migrate: false));

        var messages = Messages(error);
        Assert.All(Flatten(error), e => Assert.IsType<OptionsValidationException>(e));
        foreach (var key in new[]
        {
            "Qa:Cache:RedisTimeout", "Qa:Cache:QuestionPages", "Qa:Coherence:MaxStalenessWhileDisconnected",
            "Qa:Protection:WritesPerMinute", "Qa:Protection:KnownProxies", "Qa:Admin:ApiKey",
            "Qa:Cache:MaxConcurrentFills", "Qa:Database:ReadTimeout", "Qa:Shutdown:DrainTime",
            "Qa:Coherence:Heartbeat", "Qa:Cache:CursorLifetime", "Qa:Moderation:ModeratorKey", "Qa:Webhooks:Endpoints:0:Url",
            "Qa:Webhooks:Endpoints:0:Secret", "Qa:Webhooks:Endpoints:0:Events", "Qa:Webhooks:RetryFor",
        })
        {
            Assert.Contains(key, messages, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ABadTelemetryEndpoint_IsNamed()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "otel-collector:4317", ["OTEL_SERVICE_NAME"] = " " }, migrate: false));

        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT is 'otel-collector:4317'", error.Message, StringComparison.Ordinal);
        Assert.Contains("OTEL_SERVICE_NAME is blank", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:5089/metrics")]
    [InlineData("tcp://127.0.0.1:5089")]
    public async Task ABadManagementUrl_IsNamed(string url)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Management:Url"] = url }, migrate: false));

        Assert.Contains($"Qa:Management:Url is '{url}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadCorsOrigins_AreNamed()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Cors:WriteOrigins:0"] = "*", ["Qa:Cors:ReadOrigins:0"] = "https://shop.example/products" }, migrate: false));

        Assert.Contains("Qa:Cors:WriteOrigins holds '*'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Qa:Cors:ReadOrigins holds 'https://shop.example/products'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Qa:Source", "Cache", "Qa:Source is 'Cache'")]
    [InlineData("Qa:Source", "Origin", "ReverseProxy:Clusters:origin has no destination")]
    public async Task ABadSource_IsNamed(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { [key] = value }, migrate: false));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseNodeWithoutAConnectionString_IsNamed()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EdgeHostInstance.StartAsync(string.Empty, redis: null, migrate: false));

        Assert.Contains("ConnectionStrings:Postgres is not set", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Flatten(Exception error) =>
        error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];

    private static string Messages(Exception error) => string.Join("\n", Flatten(error).Select(e => e.Message));
}
