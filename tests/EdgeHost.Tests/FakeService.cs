using System.Collections.Concurrent;
using MessagePack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// A real Kestrel server standing in for an origin or another service behind the edge: answers every path with what
/// the test scripts (status, body, headers, delay), and counts the requests it received per path.
/// </summary>
public sealed class FakeService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private FakeService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What to answer; replace it at any time.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = context =>
    {
        context.Response.StatusCode = 200;
        return context.Response.WriteAsync($"fake:{context.Request.Path}");
    };

    public TimeSpan Delay { get; set; }

    /// <summary>An answer as a QaEdge origin gives it: a one-question product page in MessagePack with the edge headers.</summary>
    public static Func<HttpContext, Task> PageFrom(long productId, long version, int total = 1) => async context =>
    {
        var page = new ProductQuestionsPage(productId, "Fake", "fake", total, 1, 5, "helpful",
            [new Question(1, "q", "jim", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 0, 0, [])]);
        context.Response.ContentType = QaWireFormat.MessagePackMediaType;
        context.Response.Headers["X-Qa-Version"] = $"{productId}:{version}";
        await context.Response.Body.WriteAsync(MessagePackSerializer.Serialize(page, QaWireFormat.MessagePack));
    };

    /// <summary>A transport failure: the connection is dropped without an answer.</summary>
    public static Task Abort(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    public int Hits(string pathAndQuery) => _hits.GetValueOrDefault(pathAndQuery);

    public static async Task<FakeService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0" });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeService? service = null;
        app.Run(async context =>
        {
            service!._hits.AddOrUpdate(context.Request.Path + context.Request.QueryString, 1, (_, n) => n + 1);
            if (service.Delay > TimeSpan.Zero)
            {
                await Task.Delay(service.Delay, context.RequestAborted);
            }

            await service.Handler(context);
        });
        await app.StartAsync();
        service = new FakeService(app, new Uri(app.Urls.First()));
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
