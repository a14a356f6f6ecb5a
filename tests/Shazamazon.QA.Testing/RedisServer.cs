namespace Shazamazon.QA.Testing;

/// <summary>
/// Starts the Redis servers of the tests. With <c>QA_TEST_DOCKER=1</c> every server is a container started by
/// Testcontainers (<see cref="RedisContainer"/>), and a Docker engine that cannot be reached fails the test with a clear
/// message; it never falls back to a local process. Otherwise each is a local <c>redis-server</c> (<see cref="RedisProcess"/>).
/// </summary>
public static class RedisServer
{
    /// <summary>True when the tests run their servers in Docker (<c>QA_TEST_DOCKER=1</c>).</summary>
    public static bool UsesDocker => Environment.GetEnvironmentVariable("QA_TEST_DOCKER") == "1";

    /// <summary>A server shared by a test class: the one in <c>QA_TEST_REDIS</c> when set, else a new one.</summary>
    public static Task<IRedisServer> StartAsync() =>
        Environment.GetEnvironmentVariable("QA_TEST_REDIS") is { Length: > 0 } external
            ? Task.FromResult<IRedisServer>(new ExternalRedis(external))
            : StartOwnedAsync();

    /// <summary>A server this test controls: it may stop, restart or slow it.</summary>
    /// <param name="extraArguments">More <c>redis-server</c> arguments (e.g. cluster mode), after the loopback-only defaults.</param>
    public static async Task<IRedisServer> StartOwnedAsync(params string[] extraArguments) =>
        UsesDocker ? await RedisContainer.StartAsync(extraArguments) : await RedisProcess.StartAsync(extraArguments);

    // A server someone else runs: the tests may use it, never stop it.
    private sealed class ExternalRedis(string connectionString) : IRedisServer
    {
        public string ConnectionString { get; } = connectionString;

        public Task StopAsync() => throw NotOwned();

        public Task RestartAsync() => throw NotOwned();

        public Task SleepAsync(TimeSpan duration) => throw NotOwned();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static InvalidOperationException NotOwned() =>
            new("This Redis is external (QA_TEST_REDIS): the tests cannot stop, restart or slow it; use RedisServer.StartOwnedAsync.");
    }
}
