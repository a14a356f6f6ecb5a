using System.Globalization;
using Shazamazon.QA.Capacity;

// The capacity model of docs/capacity.md.
//   dotnet run -c Release --project bench/QaEdge.Capacity -- validate   Che's approximation against a discrete LRU simulation
//   dotnet run -c Release --project bench/QaEdge.Capacity -- fleet      predicted L1 hit ratios for bench/fleet-routing.sh
//   dotnet run -c Release --project bench/QaEdge.Capacity -- size       nodes, Redis and replicas for 100k and 1M requests/s
//   dotnet run -c Release --project bench/QaEdge.Capacity -- grid       hit ratios over 10M products by L1, nodes, routing, Redis
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault() ?? "size")
{
    case "validate":
        Validate();
        break;
    case "fleet":
        Fleet();
        break;
    case "grid":
        Grid();
        break;
    default:
        Size();
        break;
}

return 0;

static void Validate()
{
    const long products = 1_000_000;
    var popularity = Popularity.LogUniform(products);
    Console.WriteLine("| products | L1 entries/node | nodes | routing | L2 entries | writes | L1 model | L1 simulated | L2 model | L2 simulated |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var (l1, nodes, byProduct, l2, writes) in new[]
    {
        (20_000, 1, false, 0, 0.0), (20_000, 3, false, 0, 0.0), (20_000, 3, true, 0, 0.0),
        (20_000, 3, true, 200_000, 0.0), (20_000, 3, false, 200_000, 0.05), (20_000, 3, true, 200_000, 0.05),
    })
    {
        var model = CheModel.HitRatios(popularity, l1, nodes, byProduct, l2, writes);
        var sim = LruSimulation.Run(products, l1, nodes, byProduct, l2, writes, requests: 8_000_000, seed: 1);
        Console.WriteLine($"| {products:N0} | {l1:N0} | {nodes} | {(byProduct ? "by product" : "random")} | {l2:N0} | {writes:P0} | {model.L1:F3} | {sim.L1:F3} | {model.L2:F3} | {sim.L2:F3} |");
    }
}

static void Fleet()
{
    // bench/fleet-routing.sh: 100,000 demo products, three nodes with an 8 MB L1, zipf reads only.
    var popularity = Popularity.LogUniform(100_000);
    var entries = 8 * 1024 * 1024 / Measured.L1BytesPerEntry;
    foreach (var byProduct in new[] { false, true })
    {
        var (l1, _) = CheModel.HitRatios(popularity, entries, 3, byProduct, 0, 0);
        Console.WriteLine($"{(byProduct ? "by product" : "random")}: predicted L1 hit ratio {l1:F3} ({entries:N0} entries per node)");
    }
}

static void Grid()
{
    var popularity = Popularity.LogUniform(10_000_000);
    Console.WriteLine("| L1 per node | nodes | routing | Redis | L1 hits | L2 hits | reads reaching PostgreSQL |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
    foreach (var l1Gb in new[] { 1.0, 4.0 })
    {
        foreach (var nodes in new[] { 3, 10, 30 })
        {
            foreach (var byProduct in new[] { false, true })
            {
                foreach (var redisGb in new[] { 0.0, 16.0 })
                {
                    var (l1, l2) = CheModel.HitRatios(popularity, l1Gb * 1e9 / Measured.L1BytesPerEntry, nodes, byProduct, redisGb * 1e9 / Measured.RedisBytesPerEntry, 0.05);
                    Console.WriteLine($"| {l1Gb} GB | {nodes} | {(byProduct ? "by product" : "random")} | {redisGb} GB | {l1:P1} | {l2:P1} | {1 - l1 - l2:P1} |");
                }
            }
        }
    }
}

static void Size()
{
    // Nodes of 16 cores with 2 GB of L1, run at 60% CPU; 16 GB of Redis in all (every product's default page fits);
    // PostgreSQL replicas of 16 cores at 60%; reads 95%, writes 5%, over 10M products drawn as the benchmarks draw
    // them; routing by product.
    const double cores = 16, utilization = 0.6, l1Gb = 2, redisGb = 16, redisGbPerShard = 25, readShare = 0.95;
    var popularity = Popularity.LogUniform(10_000_000);
    Console.WriteLine("| requests/s | edge nodes | L1 hits | L2 hits | reads reaching PostgreSQL | replicas | primary cores (writes) | Redis masters | Redis ops/s | invalidation channel load | next bound |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var rate in new[] { 100_000.0, 1_000_000.0 })
    {
        var (reads, writes) = (rate * readShare, rate * (1 - readShare));
        var nodes = 3;
        double l1 = 0, l2 = 0;
        for (var round = 0; round < 20; round++)
        {
            (l1, l2) = CheModel.HitRatios(popularity, l1Gb * 1e9 / Measured.L1BytesPerEntry, nodes, byProduct: true,
                redisGb * 1e9 / Measured.RedisBytesPerEntry, 1 - readShare);
            var edgeCpu = reads * (l1 * Measured.HitCpu + (1 - l1) * Measured.MissCpu * Measured.EdgeShare) + writes * Measured.MissCpu * Measured.EdgeShare;
            nodes = Math.Max(3, (int)Math.Ceiling(edgeCpu / (cores * utilization)));
        }

        var dbReads = reads * (1 - l1 - l2);
        var replicas = Math.Max(1, (int)Math.Ceiling(dbReads * Measured.MissCpu * Measured.PostgresShare / (cores * utilization)));
        var primaryCores = writes / Measured.PrimaryVotesPerCore / utilization;

        // Redis: an L1 miss reads the entry and its mark (pipelined; two operations), a read reaching PostgreSQL adds
        // the SET of its entry, a write runs the mark script (two operations) and one SPUBLISH every node receives.
        // The channel is one sharded channel: its publishes and deliveries all land on one master.
        var redisOps = reads * (1 - l1) * 2 + dbReads + writes * (2 + 1 + nodes);
        var masters = Math.Max(3, Math.Max(Math.Ceiling(redisOps / (Measured.RedisOpsPerShard * utilization)), Math.Ceiling(redisGb / redisGbPerShard)));
        var channelLoad = writes * (1 + nodes) / Measured.RedisOpsPerShard;
        var bound = channelLoad > utilization ? "the one invalidation channel (one Redis master)" : primaryCores > 64 ? "writes on one primary" : "edge CPU";
        Console.WriteLine($"| {rate:N0} | {nodes} | {l1:P1} | {l2:P1} | {1 - l1 - l2:P1} ({dbReads:N0}/s) | {replicas} | {primaryCores:N0} | {masters} | {redisOps:N0} | {channelLoad:P0} of one master | {bound} |");
    }
}
