namespace Serp.Bench;

/// <summary>Command-line options (<c>--name value</c>); every loop they drive is bounded by count and by time.</summary>
internal sealed record BenchOptions
{
    public required Uri App { get; init; }
    public required string ConnectionString { get; init; }
    public required string Secret { get; init; }
    /// <summary>Closed-loop senders (one connection each).</summary>
    public int Concurrency { get; init; } = 64;
    /// <summary>Events per closed-loop phase (each target, each round).</summary>
    public int Count { get; init; } = 20_000;
    public int Rounds { get; init; } = 3;
    public int Warmup { get; init; } = 2_000;
    public int Rate { get; init; } = 200;
    public int RateSeconds { get; init; } = 15;
    /// <summary>Upper bound of one load phase; signatures are made just before a phase, so it stays under Stripe's 300 s.</summary>
    public TimeSpan PhaseLimit { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Process ids whose CPU time is reported (0: not measured).</summary>
    public int AppPid { get; init; }
    public int PostgresPid { get; init; }
    /// <summary>Upper bound of one wait for the processor to work off the inbox.</summary>
    public TimeSpan ProcessLimit { get; init; } = TimeSpan.FromSeconds(300);

    public static BenchOptions Parse(string[] args)
    {
        var read = new BenchArgs(args);
        string Required(string name) => read.Required(name);
        int Int(string name, int fallback) => read.Int(name, fallback);

        var defaults = new BenchOptions { App = new Uri("http://127.0.0.1"), ConnectionString = "", Secret = "" };
        var options = new BenchOptions
        {
            App = new Uri(Required("app")),
            ConnectionString = Required("pg"),
            Secret = Required("secret"),
            Concurrency = Int("concurrency", defaults.Concurrency),
            Count = Int("count", defaults.Count),
            Rounds = Int("rounds", defaults.Rounds),
            Warmup = Int("warmup", defaults.Warmup),
            Rate = Int("rate", defaults.Rate),
            RateSeconds = Int("rate-seconds", defaults.RateSeconds),
            PhaseLimit = TimeSpan.FromSeconds(Int("phase-limit", (int)defaults.PhaseLimit.TotalSeconds)),
            ProcessLimit = TimeSpan.FromSeconds(Int("process-limit", (int)defaults.ProcessLimit.TotalSeconds)),
            AppPid = Int("app-pid", 0),
            PostgresPid = Int("pg-pid", 0),
        };
        if (options.Concurrency < 1 || options.Count < 1 || options.Rounds < 1 || options.Rate < 1 || options.RateSeconds < 1)
        {
            throw new ArgumentException("--concurrency, --count, --rounds, --rate and --rate-seconds must be at least 1.");
        }
        if (options.PhaseLimit > TimeSpan.FromSeconds(280))
        {
            throw new ArgumentException("--phase-limit must stay under Stripe's 300 s signature tolerance.");
        }
        return options;
    }
}
