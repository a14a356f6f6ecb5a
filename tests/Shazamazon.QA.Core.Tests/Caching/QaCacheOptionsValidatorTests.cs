using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Tests.Caching;

public sealed class QaCacheOptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.True(new QaCacheOptionsValidator().Validate(null, new QaCacheOptions()).Succeeded);

    [Fact]
    public void EveryBadKey_IsReportedByName()
    {
        var result = new QaCacheOptionsValidator().Validate(null, new QaCacheOptions
        {
            QuestionPages = TimeSpan.Zero,
            NotFound = TimeSpan.FromDays(2),
            L1SizeLimitMegabytes = 0,
            RedisTimeout = TimeSpan.FromMinutes(1),
        });
        Assert.False(result.Succeeded);
        var failures = string.Join("\n", result.Failures!);
        Assert.Contains("Qa:Cache:QuestionPages", failures, StringComparison.Ordinal);
        Assert.Contains("Qa:Cache:NotFound", failures, StringComparison.Ordinal);
        Assert.Contains("Qa:Cache:L1SizeLimitMegabytes", failures, StringComparison.Ordinal);
        Assert.Contains("Qa:Cache:RedisTimeout", failures, StringComparison.Ordinal);
        Assert.Equal(4, result.Failures!.Count());
    }
}
