using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Data;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>Stored Stripe events into purchase facts, applied through the ledger in the processor's transaction.</summary>
internal sealed class StripeWebhookHandler(PurchaseLedger ledger) : IWebhookHandler
{
    public string Provider => PaymentSource.Stripe;

    public async Task<HandleOutcome> HandleAsync(SerpDbContext db, WebhookEvent webhookEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var facts = StripeEventTranslator.Translate(webhookEvent.Payload.RootElement);
        if (facts is null) return HandleOutcome.Ignored;
        webhookEvent.Refs = [.. facts.SelectMany(f => f.References()).Distinct(StringComparer.Ordinal)];
        foreach (var fact in facts) await ledger.ApplyAsync(db, fact, ct);
        return HandleOutcome.Processed;
    }
}
