using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Features.GhlSync;

/// <summary><c>Ghl:Sync</c>: how this instance works off the GHL outbox.</summary>
public sealed class GhlSyncOptions
{
    public const string Section = "Ghl:Sync";

    /// <summary>Sync loops in this instance (each claims the next customer with SKIP LOCKED); 0 runs none.</summary>
    [Range(0, 32)] public int Workers { get; set; } = 4;
    /// <summary>How long a claimed row stays the worker's without renewal; a crashed worker's row is taken over after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>How often an idle loop looks for due rows.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Attempts (timeouts, dropped connections, 429, 5xx) before a row is marked failed.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 14;
    /// <summary>Attempts when GHL refused the request itself (400, 401, 403, 404, 422): it will not get better by waiting.</summary>
    [Range(1, 100)] public int MaxPermanentAttempts { get; set; } = 3;
    /// <summary>First retry delay; doubled each attempt up to <see cref="MaxBackoff"/>, then ±20 % jitter.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    private const double Jitter = 0.2;

    /// <summary>The delay after the <paramref name="attempts"/>-th failed attempt; <paramref name="random"/> in [0, 1) spreads it.</summary>
    public TimeSpan BackoffAfter(int attempts, double random)
    {
        var doubled = FirstBackoff.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 40));
        var capped = Math.Min(MaxBackoff.Ticks, doubled);
        return TimeSpan.FromTicks((long)(capped * (1 - Jitter + 2 * Jitter * random)));
    }

    /// <summary>
    /// The shortest time from the first failure to <c>failed</c> (every jitter at its lowest): an outage shorter than
    /// this loses nothing. The defaults give about 26 hours.
    /// </summary>
    public TimeSpan ShortestRetryWindow =>
        TimeSpan.FromTicks(Enumerable.Range(1, MaxAttempts - 1).Sum(attempt => BackoffAfter(attempt, 0).Ticks));
}
