using Microsoft.Extensions.Time.Testing;

namespace Shazamazon.QA.Core.Tests;

public sealed class LogSamplerTests
{
    [Fact]
    public void OnePerKeyPerInterval_AndTheNextSaysHowManyWereHeldBack()
    {
        var clock = new FakeTimeProvider();
        var sampler = new LogSampler(clock);
        Assert.True(sampler.TryEnter("outage", out var heldBack));
        Assert.Equal(0, heldBack);
        for (var i = 0; i < 500; i++)
        {
            Assert.False(sampler.TryEnter("outage", out _));
        }

        Assert.True(sampler.TryEnter("other", out _)); // keys are independent

        clock.Advance(LogSampler.Interval);
        Assert.True(sampler.TryEnter("outage", out heldBack));
        Assert.Equal(500, heldBack);
        Assert.False(sampler.TryEnter("outage", out _));
    }
}
