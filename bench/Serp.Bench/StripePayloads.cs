using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Stripe;

namespace Serp.Bench;

/// <summary>A delivery as the provider sends it: the exact body bytes and the signature headers over them.</summary>
internal sealed record Delivery(string EventId, byte[] Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Unique <c>checkout.session.completed</c> events shaped like Stripe's (copied from the test project's
/// <c>StripeEvents</c>, which the bench must not reference): every event has its own event id, session id, payment
/// intent id and email, so each one becomes its own order.
/// </summary>
internal sealed class StripePayloads(string runId, string secret)
{
    public const string ApiVersion = "2026-10-28.endive";

    // The catalog's offers (appsettings.json), so orders look like the store's: licensed and unlicensed products.
    // Prices in cents (usd); the PayPal bench sends the same offers.
    internal static readonly (string Offer, long Price)[] Offers =
    [
        ("offer-seo-templates", 4900),
        ("offer-serp-downloader", 9700),
        ("offer-bundle", 19700),
        ("offer-keyword-sheets", 2700),
        ("offer-rank-tracker", 14700),
    ];

    /// <summary>Builds <paramref name="count"/> unsigned bodies for a phase (the slow part, done before the clock starts).</summary>
    public IReadOnlyList<(string EventId, string Json)> Build(string phase, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var list = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $"{runId}{phase}{i:D7}");
            list.Add(($"evt_{suffix}", SessionCompleted(suffix, i, now)));
        }
        return list;
    }

    /// <summary>Signs bodies with a timestamp of now: call it right before the phase that sends them.</summary>
    public IReadOnlyList<Delivery> Sign(IReadOnlyList<(string EventId, string Json)> bodies)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return bodies.Select(b => new Delivery(b.EventId, Encoding.UTF8.GetBytes(b.Json),
                new Dictionary<string, string> { ["Stripe-Signature"] = EventUtility.GenerateSignatureHeader(b.Json, secret, timestamp) }))
            .ToList();
    }

    private static string SessionCompleted(string suffix, int i, DateTimeOffset now)
    {
        var (offer, price) = Offers[i % Offers.Length];
        var session = new JsonObject
        {
            ["id"] = "cs_test_" + suffix,
            ["object"] = "checkout.session",
            ["amount_subtotal"] = price,
            ["amount_total"] = price,
            ["created"] = now.AddSeconds(-5).ToUnixTimeSeconds(),
            ["currency"] = "usd",
            ["customer"] = null,
            ["customer_details"] = new JsonObject
            {
                ["address"] = new JsonObject { ["country"] = "GB", ["postal_code"] = "N1 9GU" },
                ["email"] = $"buyer.{suffix.ToLowerInvariant()}@example.com",
                ["name"] = "Ada Lovelace",
                ["phone"] = null,
                ["tax_exempt"] = "none",
            },
            ["customer_email"] = null,
            ["expires_at"] = now.AddDays(1).ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["metadata"] = new JsonObject { ["offer_id"] = offer, ["lander_id"] = "lander-video", ["affiliate_id"] = "aff_007" },
            ["mode"] = "payment",
            ["payment_intent"] = "pi_" + suffix,
            ["payment_method_types"] = new JsonArray("card", "link"),
            ["payment_status"] = "paid",
            ["status"] = "complete",
            ["success_url"] = "https://store.example.com/thanks",
            ["url"] = null,
        };
        return new JsonObject
        {
            ["id"] = "evt_" + suffix,
            ["object"] = "event",
            ["api_version"] = ApiVersion,
            ["created"] = now.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = session },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = "checkout.session.completed",
        }.ToJsonString();
    }
}
