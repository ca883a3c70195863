using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Serp.Admin.Webhooks;

/// <summary><c>Webhooks:RateLimit</c>: per source address, generous for fresh-looking signed deliveries, strict for the rest.</summary>
public sealed class WebhookRateLimitOptions
{
    public const string Section = "Webhooks:RateLimit";

    /// <summary>Deliveries per second per address whose signature header is well-formed and fresh.</summary>
    public int SignedPerSecond { get; set; } = 500;
    /// <summary>Deliveries per minute per address without a fresh-looking signature (garbage, replays, scans).</summary>
    public int UnsignedPerMinute { get; set; } = 60;
}

internal static class WebhookRateLimits
{
    /// <summary>The policy of every webhook door: its buckets are per provider (the door's metadata) and address.</summary>
    public const string Policy = "webhooks";

    public static void AddWebhookPolicy(this RateLimiterOptions options, WebhookRateLimitOptions limits)
    {
        options.AddPolicy(Policy, context =>
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var provider = context.GetEndpoint()?.Metadata.GetMetadata<WebhookDoorProvider>()?.Provider ?? "unknown";
            var verifier = context.RequestServices.GetRequiredService<WebhookVerifiers>().Find(provider);
            return verifier?.LooksFresh(context.Request.Headers) == true
                ? RateLimitPartition.GetTokenBucketLimiter($"{provider}:signed:{address}", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.SignedPerSecond * 2,
                    TokensPerPeriod = limits.SignedPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetFixedWindowLimiter($"{provider}:unsigned:{address}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.UnsignedPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                });
        });
    }
}
