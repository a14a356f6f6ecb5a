using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.EdgeHost.Http;
using Shazamazon.QA.EdgeHost.Protection;

namespace Shazamazon.QA.HotPath;

/// <summary>
/// An L1 hit: the reader alone (query to pre-rendered bytes), and the reader with the client's miss budget checked and
/// the response written (headers and body into a reused <see cref="DefaultHttpContext"/>, whose body is a null stream);
/// and the key each read needs.
/// </summary>
[MemoryDiagnoser]
public class HitPathBenchmarks
{
    private ServiceProvider _services = null!;
    private IQaReader _reader = null!;
    private DefaultHttpContext _context = null!;
    private MissBudget _budget = null!;
    private readonly CacheKeyTable<QuestionPageQuery> _keys = new(CacheKeys.QuestionPage);

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddQaCore(new ConfigurationBuilder().Build()).AddSource<SamplePage>();
        _services = services.BuildServiceProvider();
        _reader = _services.GetRequiredService<IQaReader>();
        _context = new DefaultHttpContext();
        _budget = new MissBudget(Microsoft.Extensions.Options.Options.Create(new ProtectionOptions()));
        await _reader.QuestionPageAsync(SamplePage.Query); // the fill; every call below is an L1 hit
        _keys.Get(SamplePage.Query);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _budget.Dispose();
        _services.Dispose();
    }

    [Benchmark(Description = "L1 hit: query -> pre-rendered JSON bytes")]
    public async ValueTask<int> ReaderHit() => (await _reader.QuestionPageAsync(SamplePage.Query)).Response.Json.Length;

    [Benchmark(Description = "L1 hit -> response written (headers + body)")]
    public Task HitWritten()
    {
        _context.Response.Headers.Clear();
        return CachedReadResponse.WriteAsync(_context, _reader.QuestionPageAsync(SamplePage.Query), _budget);
    }

    [Benchmark(Description = "key: built (string.Create)")]
    public string KeyBuilt() => CacheKeys.QuestionPage(SamplePage.Query);

    [Benchmark(Description = "key: from the key table")]
    public string KeyFromTable() => _keys.Get(SamplePage.Query);
}
