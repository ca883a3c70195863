using System.Text.Json;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>Stored Stripe events into purchase facts, applied through the ledger in the processor's transaction.</summary>
internal sealed class StripeWebhookHandler(PurchaseLedger ledger) : FactWebhookHandler(ledger)
{
    public override string Provider => PaymentSource.Stripe;

    protected override IReadOnlyList<PurchaseFact>? Translate(JsonElement root) => StripeEventTranslator.Translate(root);
}
