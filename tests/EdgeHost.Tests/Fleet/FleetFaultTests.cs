using Shazamazon.QA.Testing;
using Xunit.Abstractions;

namespace Shazamazon.QA.EdgeHost.Tests.Fleet;

/// <summary>
/// The faults fleets see every day, each under a steady read and write load through the load balancer, on the real
/// processes of <see cref="FleetFixture"/>: every one keeps reads at zero client errors and loses no acknowledged write
/// (the votes the database gained are the acknowledged ones, plus at most those whose answer the client never got).
/// Each prints one row of the table in docs/topology.md (and appends it to <c>$QA_FAULT_REPORT</c> when set, which
/// bench/faults.sh does). A database restored to an earlier point is <see cref="DatabaseRestoreTests"/>.
/// </summary>
public sealed class FleetFaultTests(FleetFixture fleet, ITestOutputHelper output) : IClassFixture<FleetFixture>
{
    public const string Header = "| fault | reads | read errors | writes acknowledged | writes refused (503) | writes unknown | votes found | writes recovered after |";

    [Fact]
    public Task RedisMasterKilled_ReplicaTakesOver() => UnderLoadAsync("Redis master killed (failover)", async load =>
    {
        var slot = await fleet.Redis.SlotOfAsync("qa:v2:changes");
        var killed = await fleet.Redis.KillMasterOfAsync(slot);
        await fleet.Redis.WaitForFailoverAsync(slot, killed, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        return async () => await fleet.Redis.RestartAsync(killed);
    });

    [Fact]
    public Task AllOfRedisStopped() => UnderLoadAsync("all of Redis stopped for 4 s", async load =>
    {
        await fleet.Redis.StopAllAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await fleet.Redis.StartAllAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        return null;
    });

    [Fact]
    public Task PostgresReplicaStopped() => UnderLoadAsync("PostgreSQL replica stopped for 4 s", async load =>
    {
        await fleet.Replica.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await fleet.Replica.StartProcessAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        return null;
    });

    [Fact]
    public Task PostgresPrimaryStopped() => UnderLoadAsync("PostgreSQL primary stopped for 4 s", async load =>
    {
        await fleet.Primary.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await fleet.Primary.StartProcessAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        return null;
    }, writesMayBeRefused: true);

    [Fact]
    public Task NodeRestarted() => UnderLoadAsync("a node killed and restarted", async load =>
    {
        await fleet.Nodes[1].RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        return null;
    });

    // Runs the load, injects the fault (which may hand back a clean-up that runs after the load stops), and checks what
    // clients saw against what the database holds.
    private async Task UnderLoadAsync(string fault, Func<FleetLoad, Task<Func<Task>?>> inject, bool writesMayBeRefused = false)
    {
        var before = await fleet.VotesAsync();
        FleetLoadResult result;
        Func<Task>? cleanUp;
        await using (var load = await FleetLoad.StartAsync(fleet))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var faultAt = load.Elapsed;
            cleanUp = await inject(load);
            result = await load.StopAsync(faultAt);
        }

        var found = await fleet.VotesAsync() - before;
        var row = result.Row(fault, found);
        output.WriteLine(Header);
        output.WriteLine(row);
        if (Environment.GetEnvironmentVariable("QA_FAULT_REPORT") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, row + Environment.NewLine);
        }

        if (cleanUp is not null)
        {
            await cleanUp();
        }

        Assert.True(result.Reads > 0 && result.Acked > 0, row);
        Assert.True(result.ReadErrors == 0, $"Reads failed: {row}");
        Assert.True(found >= result.Acked && found <= result.Acked + result.Unknown, $"Acknowledged writes lost, or writes appeared from nowhere: {row}");
        Assert.True(writesMayBeRefused || result.Refused == 0, $"Writes were refused: {row}");
    }
}
