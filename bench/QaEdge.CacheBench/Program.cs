using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/QaEdge.CacheBench -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Shazamazon.QA.CacheBench.HotHitBenchmarks).Assembly).Run(args);
