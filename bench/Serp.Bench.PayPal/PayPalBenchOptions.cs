using Serp.Bench;

namespace Serp.Bench.PayPal;

/// <summary>Command-line options (<c>--name value</c>); every loop they drive is bounded by count and by time.</summary>
internal sealed record PayPalBenchOptions
{
    public required string ConnectionString { get; init; }
    public required string AppDll { get; init; }
    public int Port { get; init; } = 5096;
    public int PostgresPid { get; init; }
    /// <summary>Closed-loop senders (one connection each).</summary>
    public int Concurrency { get; init; } = 64;
    /// <summary>Deliveries per closed-loop phase (each provider, each round).</summary>
    public int Count { get; init; } = 6_000;
    public int Rounds { get; init; } = 3;
    public int Warmup { get; init; } = 1_000;
    /// <summary>The slow-verification phase: each verification takes this long, deliveries sent at a fixed rate.</summary>
    public int SlowVerifyMs { get; init; } = 2_000;
    public int SlowRate { get; init; } = 100;
    public int SlowSeconds { get; init; } = 10;
    public TimeSpan PhaseLimit { get; init; } = TimeSpan.FromSeconds(120);
    public TimeSpan ProcessLimit { get; init; } = TimeSpan.FromSeconds(300);

    public static PayPalBenchOptions Parse(string[] args)
    {
        var read = new BenchArgs(args);
        string Required(string name) => read.Required(name);
        int Int(string name, int fallback) => read.Int(name, fallback);

        var defaults = new PayPalBenchOptions { ConnectionString = "", AppDll = "" };
        var options = new PayPalBenchOptions
        {
            ConnectionString = Required("pg"),
            AppDll = Required("app-dll"),
            Port = Int("port", defaults.Port),
            PostgresPid = Int("pg-pid", 0),
            Concurrency = Int("concurrency", defaults.Concurrency),
            Count = Int("count", defaults.Count),
            Rounds = Int("rounds", defaults.Rounds),
            Warmup = Int("warmup", defaults.Warmup),
            SlowVerifyMs = Int("slow-verify-ms", defaults.SlowVerifyMs),
            SlowRate = Int("slow-rate", defaults.SlowRate),
            SlowSeconds = Int("slow-seconds", defaults.SlowSeconds),
            PhaseLimit = TimeSpan.FromSeconds(Int("phase-limit", (int)defaults.PhaseLimit.TotalSeconds)),
            ProcessLimit = TimeSpan.FromSeconds(Int("process-limit", (int)defaults.ProcessLimit.TotalSeconds)),
        };
        if (options.Concurrency < 1 || options.Count < 2 || options.Rounds < 1 || options.SlowRate < 1 || options.SlowSeconds < 1)
        {
            throw new ArgumentException("--concurrency, --rounds, --slow-rate and --slow-seconds must be at least 1, --count at least 2.");
        }
        if (options.PhaseLimit > TimeSpan.FromSeconds(280))
        {
            throw new ArgumentException("--phase-limit must stay under Stripe's 300 s signature tolerance.");
        }
        return options;
    }
}
