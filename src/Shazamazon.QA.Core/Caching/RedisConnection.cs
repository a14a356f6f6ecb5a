using StackExchange.Redis;

namespace Shazamazon.QA.Core.Caching;

/// <summary>Connects to Redis the way the edge needs: serving goes on while Redis is down, and no command waits for it.</summary>
internal static class RedisConnection
{
    public static ConnectionMultiplexer Connect(string connectionString, TimeSpan timeout)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;             // start (and keep serving) while Redis is down; reconnect in the background
        options.BacklogPolicy = BacklogPolicy.FailFast; // while disconnected, commands fail at once instead of queueing
        options.AsyncTimeout = Math.Max(1, (int)timeout.TotalMilliseconds);
        options.SyncTimeout = options.AsyncTimeout;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.ClientName ??= "QaEdge";
        return ConnectionMultiplexer.Connect(options);
    }
}
