using System.Net;
using System.Text;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Telemetry on the standard <c>OTEL_*</c> settings: the service name, Npgsql's and Redis's metrics, OTLP export.</summary>
[Collection(EdgeCollection.Name)]
public sealed class TelemetryTests(EdgeFixture fixture)
{
    [Fact]
    public async Task Metrics_NameTheService_AndCoverNpgsqlAndRedis()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, new Dictionary<string, string?>
        {
            ["OTEL_SERVICE_NAME"] = "qaedge-test",
            ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=ci",
        }, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "q");
        (await edge.Client.GetAsync($"/api/v1/products/{p}/questions")).EnsureSuccessStatusCode();

        var metrics = await edge.Client.GetStringAsync("/metrics");
        Assert.Contains("service_name=\"qaedge-test\"", metrics, StringComparison.Ordinal);
        Assert.Contains("deployment_environment=\"ci\"", metrics, StringComparison.Ordinal);
        Assert.Contains("db_client_operation_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("qa_redis_operation_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("command=\"GET\"", StringComparison.Ordinal) && line.Contains("outcome=\"ok\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAServiceName_TheServiceIsQaedge()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, migrate: false);
        Assert.Contains("service_name=\"qaedge\"", await edge.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtlpEndpoint_ReceivesTracesOfTheService()
    {
        var port = ServerProcess.FreePort();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = new List<(string Path, byte[] Body)>();
        var receiving = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await receiver.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        await using (var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "qaedge-otlp",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        }, migrate: false))
        {
            (await edge.Client.GetAsync("/api/v1/products/1/questions?count=2")).EnsureSuccessStatusCode();
            await Eventually.TrueAsync(() =>
            {
                lock (received)
                {
                    return Task.FromResult(received.Any(r => r.Path == "/v1/traces" && Contains(r.Body, "qaedge-otlp") && Contains(r.Body, "qa.fill")));
                }
            }, "a trace with the fill's span reaches the OTLP endpoint", TimeSpan.FromSeconds(15));
        }

        receiver.Stop();
        await receiving;
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
