using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.EdgeHost.Tests;

namespace Shazamazon.QA.Client.Tests;

/// <summary>AddQaClient: options from configuration, validated at start, and resilience that retries reads only.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddQaClient_FromConfiguration_RetriesReadsButNeverWrites()
    {
        await using var edge = await FakeService.StartAsync();
        var calls = 0;
        edge.Handler = context =>
        {
            // Every other call fails: a read succeeds on its retry; a write must fail, having been sent once.
            context.Response.StatusCode = Interlocked.Increment(ref calls) % 2 == 1 ? 503 : 200;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(context.Response.StatusCode == 200 ? """{"productId":5,"totalQuestions":3}""" : "{}");
        };
        await using var services = Services(new() { ["QaClient:BaseAddress"] = edge.Address.ToString(), ["QaClient:Encoding"] = "Json" });
        var client = services.GetRequiredService<QaClient>();

        Assert.Equal(3, await client.GetQuestionCountAsync(5));
        Assert.Equal(2, edge.Hits("/api/v1/products/5/questions/count"));

        calls = 0;
        var error = await Assert.ThrowsAsync<QaApiException>(() => client.VoteQuestionAsync(9, VoteDirection.Up));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(1, edge.Hits("/api/v1/questions/9/votes"));
    }

    [Fact]
    public void AddQaClient_WithoutABaseAddress_FailsAtStartNamingTheKey()
    {
        using var services = Services(new() { ["QaClient:MaxReadRetries"] = "99" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QaClientOptions>>().Value);
        Assert.Contains("QaClient:BaseAddress", error.Message, StringComparison.Ordinal);
        Assert.Contains("QaClient:MaxReadRetries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddQaClient_ReturnsTheHttpClientBuilder_ForMoreHandlers()
    {
        var builder = new ServiceCollection().AddQaClient(o => o.BaseAddress = new Uri("http://edge:5080/"));
        Assert.Equal(nameof(QaClient), builder.Name);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddQaClient(configuration.GetSection("QaClient"));
        return services.BuildServiceProvider();
    }
}
