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
            NotFound = TimeSpan.FromSeconds(-1),
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

    [Fact]
    public void AnL2LifetimeShorterThanL1KeepsEntries_IsReported()
    {
        var result = new QaCacheOptionsValidator().Validate(null, new QaCacheOptions { L2Lifetime = TimeSpan.FromMinutes(30) });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Qa:Cache:L2Lifetime is 00:30:00; set at least the longest TTL plus the stale window (01:01:00)", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop a")]
    [InlineData("{p1}")] // a brace would become the keys' Redis Cluster hash tag
    [InlineData("shop:a")]
    public void ARedisPrefixOutsideLettersDigitsAndDashes_IsReportedByName(string prefix)
    {
        var result = new QaCacheOptionsValidator().Validate(null, new QaCacheOptions { RedisPrefix = prefix });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Qa:Cache:RedisPrefix is \"{prefix}\"; set up to 64 letters", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("shop-a_2.eu")]
    public void ARedisPrefixOfLettersDigitsAndDashes_IsValid(string prefix) =>
        Assert.True(new QaCacheOptionsValidator().Validate(null, new QaCacheOptions { RedisPrefix = prefix }).Succeeded);
}
