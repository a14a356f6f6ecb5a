using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;

namespace Shazamazon.QA.Testing;

/// <summary>
/// A Redis container started by Testcontainers from the image <c>QA_TEST_REDIS_IMAGE</c> (./test.sh builds
/// <c>qaedge/redis:local</c> from the installed <c>redis-server</c>; with Docker Desktop, <c>redis:7</c> works as well),
/// on host networking and a free loopback port, so its traffic never leaves loopback. Testcontainers' resource reaper is
/// off (its image would come from a registry): every container is removed when the test disposes of it.
/// Testcontainers.Redis's <c>RedisBuilder</c> is not used: it always publishes port 6379 and waits for Docker to map
/// it, which host networking never does.
/// </summary>
public sealed class RedisContainer : IRedisServer
{
    private readonly IContainer _container;
    private readonly int _port;

    private RedisContainer(IContainer container, int port)
    {
        _container = container;
        _port = port;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    public static async Task<RedisContainer> StartAsync(params string[] extraArguments)
    {
        var image = Environment.GetEnvironmentVariable("QA_TEST_REDIS_IMAGE") is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException(
                "QA_TEST_DOCKER=1 needs QA_TEST_REDIS_IMAGE, a Redis image the engine has or can pull: ./test.sh builds qaedge/redis:local " +
                "from the installed redis-server; with Docker Desktop, QA_TEST_REDIS_IMAGE=redis:7.");
        TestcontainersSettings.ResourceReaperEnabled = false;
        var port = ServerProcess.FreePort();
        var text = port.ToString(CultureInfo.InvariantCulture);
        IContainer container;
        try
        {
            container = new ContainerBuilder(image)
                .WithImagePullPolicy(PullPolicy.Missing)
                .WithCreateParameterModifier(parameters => parameters.HostConfig!.NetworkMode = "host")
                .WithCommand([.. RedisCommands.ServerArguments(port), .. extraArguments])
                .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted("redis-cli", "-p", text, "ping"))
                .Build();
        }
        catch (Exception ex) when (ex is DockerUnavailableException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"QA_TEST_DOCKER=1 but no Docker engine answered (DOCKER_HOST={Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unset"}). " +
                "./test.sh starts one when QA_TEST_DOCKER=1; unset QA_TEST_DOCKER to run redis-server processes instead.", ex);
        }

        var server = new RedisContainer(container, port);
        await server.RestartAsync();
        return server;
    }

    public Task StopAsync() => _container.StopAsync();

    public async Task RestartAsync()
    {
        await _container.StartAsync();
        if (!await RedisCommands.PingAsync(_port))
        {
            throw new InvalidOperationException($"The Redis container ({_container.Image.FullName}) does not answer on 127.0.0.1:{_port}: is it on host networking?");
        }
    }

    public Task SleepAsync(TimeSpan duration) => RedisCommands.SleepAsync(_port, duration);

    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
