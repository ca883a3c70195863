using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Serp.Admin.Reconciliation;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using Stripe;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// Stripe's side of reconciliation (flow 3): lists checkout sessions, charges, refunds and disputes created since a
/// cursor, each to be applied as facts, then the events Stripe failed to deliver in the last 30 days, to be queued in
/// the inbox. The run itself (lock, cursors, tallies, audit, inbox for what cannot be applied) is the provider-neutral
/// <see cref="ReconciliationRunner"/>.
/// </summary>
internal sealed class StripeReconciliationSource(
    StripeClientFactory clients,
    IOptionsMonitor<StripeReconciliationOptions> options,
    IOptionsMonitor<StripeRateLimitRetryOptions> retries,
    TimeProvider time) : IReconciliationSource
{
    /// <summary>The listing of undelivered events (after the four object listings).</summary>
    public const string Events = "events";

    /// <summary>Stripe keeps events for 30 days.</summary>
    public static readonly TimeSpan EventsWindow = TimeSpan.FromDays(30);

    public string Provider => PaymentSource.Stripe;

    public bool IsConfigured => clients.IsConfigured;

    public TimeSpan Overlap => options.CurrentValue.Overlap;

    public TimeSpan InitialLookback => options.CurrentValue.InitialLookback;

    public IReadOnlyList<string> Listings { get; } = [.. StripeListing.Resources.Select(r => r.Name), Events];

    /// <summary>
    /// Pages with starting_after while has_more. Each object comes with the time its page was requested: a lower bound
    /// of when Stripe took the snapshot, used as the fact's observed time, so a webhook newer than the page still wins
    /// and an older one does not.
    /// </summary>
    public async IAsyncEnumerable<ListedObject> ListAsync(string listing, DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct)
    {
        var client = clients.Create();
        var resource = StripeListing.Resources.FirstOrDefault(r => r.Name == listing);
        // Stripe marks an event undelivered at its first failed attempt and keeps it 30 days: the whole window, every run.
        var from = resource is null ? time.GetUtcNow() - EventsWindow : since;
        string? after = null;
        while (true)
        {
            var listedAt = time.GetUtcNow();
            var query = new ListQuery(from, options.CurrentValue.PageSize, after);
            var page = await PageAsync(listing, resource is null
                ? () => StripeListing.UndeliveredEvents(client, query, ct)
                : () => resource.ListPage(client, query, ct));
            foreach (var item in page.Items)
            {
                var listed = resource is null ? UndeliveredEvent(item) : Listed(resource, item, listedAt, from);
                if (listed is not null) yield return listed;
            }
            if (!page.HasMore || page.Items.Count == 0) yield break;
            after = page.Items[^1].Str("id")
                ?? throw new ReconciliationListingException($"Stripe listed {listing} without an id; the run stopped before the next page.");
        }
    }

    private async Task<StripePage> PageAsync(string listing, Func<Task<StripePage>> request)
    {
        try
        {
            return await request();
        }
        catch (StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.TooManyRequests)
        {
            throw new ReconciliationListingException(
                $"Stripe kept answering 429 (rate limited) while listing {listing}, after {retries.CurrentValue.MaxRetries} retries; the run stopped and the next one continues from the cursors.",
                rateLimited: true, ex);
        }
        catch (StripeException ex)
        {
            throw new ReconciliationListingException(
                $"Stripe answered {(int)ex.HttpStatusCode} ({ex.StripeError?.Type ?? "error"}) while listing {listing}: {ex.StripeError?.Message ?? ex.Message}",
                inner: ex);
        }
    }

    /// <summary>
    /// A listed object, its facts, and the event it becomes in the inbox if they cannot be applied: type
    /// <c>reconciliation.&lt;listing&gt;</c> (translated exactly as here on replay), id <c>reconciliation:&lt;object id&gt;</c>.
    /// </summary>
    private static ListedObject? Listed(StripeResource resource, JsonElement item, DateTimeOffset listedAt, DateTimeOffset from)
    {
        if (item.Str("id") is not { } id) return null;
        var envelope = new JsonObject
        {
            ["id"] = "reconciliation:" + id,
            ["object"] = "event",
            ["type"] = StripeEventTranslator.ReconciledPrefix + resource.Name,
            ["created"] = listedAt.ToUnixTimeSeconds(),
            ["livemode"] = item.Bool("livemode") ?? false,
            ["data"] = new JsonObject { ["object"] = JsonNode.Parse(item.GetRawText()) },
        };
        var incoming = new IncomingEvent(PaymentSource.Stripe, "reconciliation:" + id, StripeEventTranslator.ReconciledPrefix + resource.Name,
            null, item.Bool("livemode") ?? false, envelope.ToJsonString());
        return new ListedObject(id, item.Time("created") ?? from, incoming)
        {
            Facts = () => resource.Translate(item, listedAt) is { } fact ? [fact] : [],
        };
    }

    /// <summary>The event as Stripe rendered it goes through the inbox, so the processor applies it exactly like a delivery.</summary>
    private ListedObject? UndeliveredEvent(JsonElement item)
    {
        if (item.Str("id") is not { } id || item.Str("type") is not { } type) return null;
        var incoming = new IncomingEvent(PaymentSource.Stripe, id, type, item.Str("api_version"), item.Bool("livemode") ?? false, item.GetRawText());
        return new ListedObject(id, item.Time("created") ?? time.GetUtcNow(), incoming);
    }
}
