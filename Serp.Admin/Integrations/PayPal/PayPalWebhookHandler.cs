using System.Text.Json;
using Serp.Admin.Integrations.PayPal.Events;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Integrations.PayPal;

/// <summary>
/// Stored PayPal events into purchase facts, applied through the ledger in the processor's transaction. No HTTP here:
/// the payer look-up and AutoCapture run outside any transaction (ADR 22).
/// </summary>
internal sealed class PayPalWebhookHandler(PurchaseLedger ledger) : FactWebhookHandler(ledger)
{
    public override string Provider => PaymentSource.PayPal;

    protected override IReadOnlyList<PurchaseFact>? Translate(JsonElement root) => PayPalEventTranslator.Translate(root);
}
