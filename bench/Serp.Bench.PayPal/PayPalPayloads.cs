using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Serp.Admin.Tests.Fakes.PayPal;
using Serp.Admin.Tests.TestData.PayPal;

namespace Serp.Bench.PayPal;

/// <summary>
/// Unique PayPal purchases as PayPal delivers them: <c>CHECKOUT.ORDER.APPROVED</c> then <c>PAYMENT.CAPTURE.COMPLETED</c>
/// (the tests' <see cref="PayPalEvents"/> shapes, each buyer with an email of their own), signed by the fake PayPal just
/// before the phase, so its verification answers <c>SUCCESS</c> for exactly these bytes. Each order is also created in
/// the fake, as the storefront would, so a payer look-up of the app's follow-up worker finds it.
/// </summary>
internal sealed class PayPalPayloads(string runId, FakePayPalApi fake)
{
    /// <summary>Event id prefix of a phase (for <c>InboxProbe.ProcessingAsync</c>).</summary>
    public string Prefix(string phase) => $"WH-{runId}{phase}";

    /// <summary><paramref name="deliveries"/> bodies (two per purchase, approval first), built before the clock starts.</summary>
    public IReadOnlyList<(string EventId, string Json)> Build(string phase, int deliveries)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var list = new List<(string, string)>(deliveries);
        for (var i = 0; list.Count < deliveries; i++)
        {
            var (offer, cents) = StripePayloads.Offers[i % StripePayloads.Offers.Length];
            var price = (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            var ids = new PayPalPurchaseIds(string.Create(CultureInfo.InvariantCulture, $"{runId}{phase}{i:D7}"));
            var events = new PayPalEvents(ids, now) { CustomId = $"offer_id={offer}&lander_id=lander-video&affiliate_id=aff_007" };
            var email = $"payer.{ids.Suffix.ToLowerInvariant()}@example.com";
            fake.CreateOrder(price, "USD", email, "Ada", "Lovelace", events.CustomId, orderId: ids.Order);
            list.Add(Unique(events.Approved(price), email));
            if (list.Count < deliveries) list.Add(Unique(events.CaptureCompleted(price), email));
        }
        return list;
    }

    /// <summary>The PAYPAL-* headers of each body, signed now.</summary>
    public IReadOnlyList<Serp.Bench.Delivery> Sign(IReadOnlyList<(string EventId, string Json)> bodies) =>
        [.. bodies.Select(b =>
        {
            var bytes = Encoding.UTF8.GetBytes(b.Json);
            return new Serp.Bench.Delivery(b.EventId, bytes, FakePayPalApi.DeliveryHeaders(fake.Sign(bytes)));
        })];

    private static (string EventId, string Json) Unique(string json, string email)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        if (node["resource"]?["payer"] is JsonObject payer) payer["email_address"] = email;
        return ((string)node["id"]!, node.ToJsonString());
    }
}
