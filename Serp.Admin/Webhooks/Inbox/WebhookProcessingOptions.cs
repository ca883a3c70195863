using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Webhooks.Inbox;

/// <summary><c>Webhooks:Processing</c>: how the inbox is worked off.</summary>
public sealed class WebhookProcessingOptions
{
    public const string Section = "Webhooks:Processing";

    /// <summary>Concurrent processing loops in this instance (each takes the next event with SKIP LOCKED).</summary>
    [Range(1, 32)] public int Workers { get; set; } = 2;
    /// <summary>How often an idle loop looks for work another instance stored.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Attempts before an event is marked failed and waits for a replay.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 8;
    /// <summary>First retry delay; doubled each attempt, capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>Off only in tests that drive processing by hand.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, InitialBackoff.Ticks * (1L << Math.Clamp(attempts - 1, 0, 20))));
}
