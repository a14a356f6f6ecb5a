using Npgsql;

namespace Shazamazon.QA.Testing;

/// <summary>
/// A PostgreSQL server for tests. With <c>QA_TEST_POSTGRES</c> set (a connection string with rights to create
/// databases) it uses that server; otherwise it creates a throw-away cluster and starts it on a free loopback port.
/// There is no silent skip: a missing server is an error that says how to get one.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _dataDirectory;
    private readonly string? _bin;
    private readonly int _port;

    private PostgresServer(string connectionString, string? dataDirectory, string? bin, int port)
    {
        ConnectionString = connectionString;
        _dataDirectory = dataDirectory;
        _bin = bin;
        _port = port;
    }

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("QA_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return new PostgresServer(external, null, null, 0);
        }

        var bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found (looked for initdb in $QA_PG_BIN and /usr/lib/postgresql/*/bin). " +
            "Run ./test.sh, which installs them, or set QA_TEST_POSTGRES to a connection string.");
        var directory = await NewDirectoryAsync();
        await ServerProcess.RunAsync(Path.Combine(bin, "initdb"), ["-D", directory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asPostgres: true);
        var port = ServerProcess.FreePort();
        var server = new PostgresServer(Build(port, "postgres"), directory, bin, port);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>The loopback port the server listens on (0 for an external server).</summary>
    public int Port => _port;

    /// <summary>
    /// Starts a streaming replica of this (owned) server on a free loopback port: <c>pg_basebackup -R</c> into a new
    /// directory, then a hot standby that follows this server.
    /// </summary>
    public async Task<PostgresServer> StartReplicaAsync()
    {
        var (bin, _) = Owned();
        var directory = await NewDirectoryAsync();
        await ServerProcess.RunAsync(Path.Combine(bin, "pg_basebackup"),
            ["-D", directory, "-h", "127.0.0.1", "-p", PortText, "-U", "postgres", "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"],
            asPostgres: true);
        var port = ServerProcess.FreePort();
        var replica = new PostgresServer(Build(port, "postgres"), directory, bin, port);
        await replica.StartProcessAsync();
        return replica;
    }

    /// <summary>
    /// A connection string to <paramref name="database"/> naming this server and then <paramref name="replicas"/>
    /// (Npgsql multi-host), which looks again at a host it found down after one second (Npgsql's default is ten).
    /// </summary>
    public string MultiHost(string database, params PostgresServer[] replicas) =>
        new NpgsqlConnectionStringBuilder(database)
        {
            Host = string.Join(',', new[] { this }.Concat(replicas).Select(s => $"127.0.0.1:{s._port}")),
            HostRecheckSeconds = 1,
        }.ConnectionString;

    /// <summary>Runs <paramref name="sql"/> on this server's maintenance database, e.g. <c>SELECT pg_wal_replay_pause()</c> on a replica.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Dumps <paramref name="database"/> (a connection string) with <c>pg_dump -Fc</c>; the dump's path.</summary>
    public async Task<string> DumpAsync(string database)
    {
        var (bin, _) = Owned();
        var dump = Path.Combine(await NewDirectoryAsync(), "dump.pgc");
        await ServerProcess.RunAsync(Path.Combine(bin, "pg_dump"),
            ["-Fc", "-h", "127.0.0.1", "-p", PortText, "-U", "postgres", "-f", dump, new NpgsqlConnectionStringBuilder(database).Database!], asPostgres: true);
        return dump;
    }

    /// <summary>
    /// Restores <paramref name="dump"/> over <paramref name="database"/> (<c>pg_restore --clean</c>: every table, sequence
    /// and trigger as it was when dumped), then ends every other session, as a restore with a restart would.
    /// </summary>
    public async Task RestoreAsync(string database, string dump)
    {
        var (bin, _) = Owned();
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        await ServerProcess.RunAsync(Path.Combine(bin, "pg_restore"),
            ["--clean", "--if-exists", "--single-transaction", "-h", "127.0.0.1", "-p", PortText, "-U", "postgres", "-d", name, dump], asPostgres: true);
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
    }

    private string PortText => _port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= $"qa_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Stops the server at once, as a crash would (owned servers only). Commits are synchronous (the default), so an
    /// acknowledged commit survives: fsync is off only because the machine itself does not crash in a test.
    /// </summary>
    public Task StopAsync() =>
        ServerProcess.RunAsync(Path.Combine(Owned().Bin, "pg_ctl"), ["-D", Owned().Directory, "-m", "immediate", "-w", "stop"], asPostgres: true);

    /// <summary>Starts the server again on the same port (owned servers only).</summary>
    public Task StartProcessAsync() =>
        ServerProcess.RunAsync(Path.Combine(Owned().Bin, "pg_ctl"),
        [
            "-D", Owned().Directory, "-l", Path.Combine(Owned().Directory, "server.log"), "-w", "-t", "60",
            "-o", $"-p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c full_page_writes=off -c max_connections=300",
            "start",
        ], asPostgres: true);

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null)
        {
            return;
        }

        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    // A data directory only its server's user can enter (PostgreSQL refuses others), under the tests' temporary root.
    private static async Task<string> NewDirectoryAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "qaedge-tests", $"pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (ServerProcess.IsRoot)
        {
            await ServerProcess.RunAsync("chown", ["postgres:postgres", directory]);
            await ServerProcess.RunAsync("chmod", ["755", Path.GetDirectoryName(directory)!]);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return directory;
    }

    private (string Bin, string Directory) Owned() =>
        _bin is not null && _dataDirectory is not null ? (_bin, _dataDirectory) : throw new InvalidOperationException("This server is external (QA_TEST_POSTGRES): the tests cannot stop or start it.");

    private static string Build(int port, string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = database, MaxPoolSize = 100 }.ConnectionString;

    private static string? FindBin()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("QA_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")));
    }
}
