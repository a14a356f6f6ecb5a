using Microsoft.Extensions.Time.Testing;
using Shazamazon.QA.Core.Resilience;

namespace Shazamazon.QA.Core.Tests.Resilience;

/// <summary>The breaker's rule on a fake clock: consecutive failures over a minimum span open it; a burst does not.</summary>
public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan Span = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void FailuresSpreadOverTheSpan_OpenIt_ForTheBreak_ThenOneProbeGoesThrough()
    {
        var breaker = Breaker();
        var opened = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            opened.Add(breaker.Failed());
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal([false, false, false, true, false], opened); // the fourth is 300 ms after the first
        Assert.False(breaker.Allow());
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal((true, false), (breaker.Allow(), breaker.Allow()));
        breaker.Succeeded();
        Assert.False(breaker.IsOpen);
    }

    [Fact]
    public void ABurstOfFailuresAtOneInstant_AsAfterAStallOfThisProcess_LeavesItClosed()
    {
        var breaker = Breaker();

        var opened = Enumerable.Range(0, 64).Select(_ => breaker.Failed()).ToList();
        breaker.Succeeded();
        _clock.Advance(Span);

        Assert.DoesNotContain(true, opened);
        Assert.False(breaker.Failed()); // the success ended the streak: the span starts over
        Assert.True(breaker.Allow());
    }

    [Fact]
    public void ASuccess_EndsTheStreak()
    {
        var breaker = Breaker();
        for (var i = 0; i < 4; i++)
        {
            breaker.Failed();
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        breaker.Succeeded();
        Assert.False(breaker.Failed());
        Assert.True(breaker.Allow());
    }

    private CircuitBreaker Breaker() => new(_clock, () => (3, TimeSpan.FromSeconds(5), Span));
}
