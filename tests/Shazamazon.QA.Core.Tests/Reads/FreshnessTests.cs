using Microsoft.Extensions.Time.Testing;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Reads;

namespace Shazamazon.QA.Core.Tests.Reads;

/// <summary>The freshness rule as a pure function, with entries rendered and aged on a fake clock.</summary>
public sealed class FreshnessTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StaleWhileRevalidate = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FailSafe = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _clock = new();

    [Theory]
    [InlineData(0, "Serve")]
    [InlineData(59_999, "Serve")]
    [InlineData(60_000, "ServeStaleAndRefresh")] // the TTL is over
    [InlineData(89_999, "ServeStaleAndRefresh")]
    [InlineData(90_000, "RefillWithinBudget")] // stale-while-revalidate is over
    [InlineData(3_659_999, "RefillWithinBudget")]
    [InlineData(3_660_000, "Refill")] // the fail-safe window is over
    public void AnEntry_AsItAges(long ageMilliseconds, string expected)
    {
        var entry = Render();
        _clock.Advance(TimeSpan.FromMilliseconds(ageMilliseconds));

        Assert.Equal(Enum.Parse<FreshnessDecision>(expected), Decide(entry, invalidated: false));
    }

    [Theory]
    [InlineData(0, "RefillWithinBudget")]
    [InlineData(60_000, "RefillWithinBudget")]
    [InlineData(3_660_000, "Refill")]
    public void An_InvalidatedEntry_IsNeverServedFresh_ButStaysTheFailSafeAnswerForItsWindow(long ageMilliseconds, string expected)
    {
        var entry = Render();
        _clock.Advance(TimeSpan.FromMilliseconds(ageMilliseconds));

        Assert.Equal(Enum.Parse<FreshnessDecision>(expected), Decide(entry, invalidated: true));
    }

    [Fact]
    public void WithoutStaleWhileRevalidate_AnExpiredEntryIsRefilledAtOnce()
    {
        var entry = Render();
        _clock.Advance(Ttl);

        Assert.Equal(FreshnessDecision.RefillWithinBudget,
            Freshness.Decide(Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow()), Ttl, false, TimeSpan.Zero, FailSafe));
    }

    [Fact]
    public void WithoutFailSafe_AnExpiredEntryWaitsForTheSource()
    {
        var entry = Render();
        _clock.Advance(Ttl);

        Assert.Equal(FreshnessDecision.Refill,
            Freshness.Decide(Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow()), Ttl, false, TimeSpan.Zero, TimeSpan.Zero));
    }

    [Fact]
    public void AnOriginsAnswer_KeepsTheAgeTheOriginReported()
    {
        var entry = new ResponseRenderer(_clock).Render(new Versioned<ProductQuestionCount>(1, 1, new ProductQuestionCount(1, 3), TimeSpan.FromSeconds(50)),
            QaWireFormat.Json.ProductQuestionCount);
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(60), Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow()));
        Assert.Equal(FreshnessDecision.ServeStaleAndRefresh, Decide(entry, invalidated: false));
    }

    [Fact]
    public void Age_IsNeverNegative_ForAnEntryFromAClockAhead()
    {
        var ahead = new FakeTimeProvider(_clock.GetUtcNow() + TimeSpan.FromSeconds(3)); // e.g. an origin's clock
        var entry = new ResponseRenderer(ahead).Render(new Versioned<ProductQuestionCount>(1, 1, new ProductQuestionCount(1, 3)), QaWireFormat.Json.ProductQuestionCount);

        Assert.Equal(TimeSpan.Zero, Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow()));
    }

    private CachedResponse Render() =>
        new ResponseRenderer(_clock).Render(new Versioned<ProductQuestionCount>(1, 1, new ProductQuestionCount(1, 3)), QaWireFormat.Json.ProductQuestionCount);

    private FreshnessDecision Decide(CachedResponse entry, bool invalidated) =>
        Freshness.Decide(Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow()), Ttl, invalidated, StaleWhileRevalidate, FailSafe);
}
