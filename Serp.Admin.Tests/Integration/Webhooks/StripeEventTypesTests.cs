using System.Text.Json.Nodes;
using Serp.Admin.Integrations.Stripe;
using Serp.Admin.Tests.TestData.Stripe;

namespace Serp.Admin.Tests.Integration.Webhooks;

public sealed class StripeEventTypesTests
{
    [Fact]
    public void Every_handled_type_is_translated_and_nothing_else_is()
    {
        var events = new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow);
        JsonObject ObjectFor(string type) => type switch
        {
            _ when type.StartsWith("checkout.", StringComparison.Ordinal) => events.Session("complete", "paid", "offer-serp-downloader", 9700, "usd"),
            _ when type.StartsWith("payment_intent.", StringComparison.Ordinal) => events.Intent("succeeded", 9700),
            _ when type.StartsWith("charge.dispute.", StringComparison.Ordinal) => events.Dispute("needs_response"),
            "charge.succeeded" or "charge.refunded" => events.Charge(9700, 0),
            _ => events.Refund("succeeded", 100, "1"),
        };

        foreach (var type in StripeEventTranslator.HandledTypes)
        {
            var root = System.Text.Json.JsonDocument.Parse(events.Event(type, 1, ObjectFor(type))).RootElement;
            Assert.True(StripeEventTranslator.Translate(root) is { Count: > 0 }, type);
        }
        Assert.Null(StripeEventTranslator.Translate(System.Text.Json.JsonDocument.Parse(events.Unknown()).RootElement));
    }
}
