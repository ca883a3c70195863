using Serp.Bench;

namespace Serp.Bench.Ghl;

/// <summary>Command line: <c>--pg CS --app-dll PATH [--customers 2000] [--fake-limit 1000] [--budget 900] [--workers 8] [--fresh-after 20] [--port 5099] [--pg-pid PID]</c>.</summary>
public sealed record GhlBenchOptions(string ConnectionString, string AppDll, int Customers, int FakeLimit, int Budget, int Workers, int FreshAfterSeconds, int Port, int PostgresPid)
{
    public static GhlBenchOptions Parse(string[] args)
    {
        var read = new BenchArgs(args);
        return new GhlBenchOptions(read.Required("pg"), read.Required("app-dll"),
            read.Int("customers", 2000), read.Int("fake-limit", 1000), read.Int("budget", 900), read.Int("workers", 8),
            read.Int("fresh-after", 20), read.Int("port", 5099), read.Int("pg-pid", 0));
    }
}
