namespace Shazamazon.QA.Testing;

/// <summary>
/// A Redis server for tests, however it runs: a local <c>redis-server</c> process (<see cref="RedisProcess"/>) or a
/// container started by Testcontainers (<see cref="RedisContainer"/>); <see cref="RedisServer"/> chooses. Either way it
/// listens on a loopback port of this machine, and a test that owns it can crash it, bring it back, or make it slow.
/// </summary>
public interface IRedisServer : IAsyncDisposable
{
    /// <summary>A StackExchange.Redis connection string.</summary>
    string ConnectionString { get; }

    /// <summary>Stops the server at once, as a crash would: every connection to it closes.</summary>
    Task StopAsync();

    /// <summary>Starts the server again on the same port, empty, and waits until it answers.</summary>
    Task RestartAsync();

    /// <summary>Makes the server unresponsive for <paramref name="duration"/> (a slow Redis), without closing connections.</summary>
    Task SleepAsync(TimeSpan duration);
}
