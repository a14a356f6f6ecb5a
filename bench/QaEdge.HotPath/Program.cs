using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/QaEdge.HotPath -- --filter '*'
// The L2 benchmarks need Redis on QA_REDIS (default 127.0.0.1:6379): source scripts/servers.sh && qa_start_redis.
BenchmarkSwitcher.FromAssembly(typeof(Shazamazon.QA.HotPath.HitPathBenchmarks).Assembly).Run(args);
