using System.Text.Json;
using Serp.Domain.Data;
using Serp.Domain.Purchases;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Webhooks.Inbox;

/// <summary>
/// A provider's handler that only translates: its stored events into purchase facts, applied through the ledger in
/// the processor's transaction (so it must not call the provider). Null from <see cref="Translate"/> marks the event
/// ignored.
/// </summary>
public abstract class FactWebhookHandler(PurchaseLedger ledger) : IWebhookHandler
{
    public abstract string Provider { get; }

    protected abstract IReadOnlyList<PurchaseFact>? Translate(JsonElement root);

    public async Task<HandleOutcome> HandleAsync(SerpDbContext db, WebhookEvent webhookEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var facts = Translate(webhookEvent.Payload.RootElement);
        if (facts is null) return HandleOutcome.Ignored;
        webhookEvent.Refs = [.. facts.SelectMany(f => f.References()).Distinct(StringComparer.Ordinal)];
        foreach (var fact in facts) await ledger.ApplyAsync(db, fact, ct);
        return HandleOutcome.Processed;
    }
}
