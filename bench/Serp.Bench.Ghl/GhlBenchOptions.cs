using System.Globalization;

namespace Serp.Bench.Ghl;

/// <summary>Command line: <c>--pg CS --app-dll PATH [--customers 2000] [--fake-limit 1000] [--budget 900] [--workers 8] [--fresh-after 20] [--port 5099] [--pg-pid PID]</c>.</summary>
public sealed record GhlBenchOptions(string ConnectionString, string AppDll, int Customers, int FakeLimit, int Budget, int Workers, int FreshAfterSeconds, int Port, int PostgresPid)
{
    public static GhlBenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        int Number(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new GhlBenchOptions(
            values.GetValueOrDefault("pg") ?? throw new ArgumentException("--pg CONNECTION_STRING is required"),
            values.GetValueOrDefault("app-dll") ?? throw new ArgumentException("--app-dll PATH is required"),
            Number("customers", 2000), Number("fake-limit", 1000), Number("budget", 900), Number("workers", 8),
            Number("fresh-after", 20), Number("port", 5099), Number("pg-pid", 0));
    }
}
