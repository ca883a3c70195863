using System.Text.Json;
using Serp.Domain.Purchases;
using Stripe;
using Stripe.Checkout;

namespace Serp.Admin.Integrations.Stripe;

/// <summary>One list request: objects created at or after <see cref="CreatedFrom"/>, a page after <see cref="StartingAfter"/>.</summary>
internal sealed record ListQuery(DateTimeOffset CreatedFrom, int Limit, string? StartingAfter)
{
    public DateRangeOptions Created => new() { GreaterThanOrEqual = CreatedFrom.UtcDateTime };
}

/// <summary>One page of a Stripe list, each object as the JSON Stripe sent.</summary>
internal sealed record StripePage(IReadOnlyList<JsonElement> Items, bool HasMore);

/// <summary>A Stripe resource reconciliation reads: how to list one page, and how an object becomes a fact (null: nothing to apply).</summary>
internal sealed record StripeResource(
    string Name,
    Func<StripeClient, ListQuery, CancellationToken, Task<StripePage>> ListPage,
    Func<JsonElement, DateTimeOffset, PurchaseFact?> Translate);

internal static class StripeListing
{
    public const string Sessions = "checkout_sessions";
    public const string Charges = "charges";
    public const string Refunds = "refunds";
    public const string Disputes = "disputes";

    /// <summary>In this order: a session creates the order with its offer and customer before charges, refunds and disputes meet it.</summary>
    public static IReadOnlyList<StripeResource> Resources { get; } =
    [
        new(Sessions,
            (client, q, ct) => PageOf(client.V1.Checkout.Sessions.ListAsync(
                new SessionListOptions { Created = q.Created, Limit = q.Limit, StartingAfter = q.StartingAfter }, null, ct)),
            (session, at) => StripeObjectTranslator.Session(session, StripeObjectTranslator.OutcomeOf(session), at)),
        new(Charges,
            (client, q, ct) => PageOf(client.V1.Charges.ListAsync(
                new ChargeListOptions { Created = q.Created, Limit = q.Limit, StartingAfter = q.StartingAfter }, null, ct)),
            (charge, at) => StripeObjectTranslator.Charge(charge, at)),
        new(Refunds,
            (client, q, ct) => PageOf(client.V1.Refunds.ListAsync(
                new RefundListOptions { Created = q.Created, Limit = q.Limit, StartingAfter = q.StartingAfter }, null, ct)),
            (refund, at) => StripeObjectTranslator.Refund(refund, at)),
        new(Disputes,
            (client, q, ct) => PageOf(client.V1.Disputes.ListAsync(
                new DisputeListOptions { Created = q.Created, Limit = q.Limit, StartingAfter = q.StartingAfter }, null, ct)),
            (dispute, at) => StripeObjectTranslator.Dispute(dispute, at)),
    ];

    /// <summary>Events Stripe could not deliver to a webhook endpoint, created at or after the query's time.</summary>
    public static Task<StripePage> UndeliveredEvents(StripeClient client, ListQuery q, CancellationToken ct) =>
        PageOf(client.V1.Events.ListAsync(
            new EventListOptions
            {
                DeliverySuccess = false,
                Types = [.. StripeEventTranslator.HandledTypes],
                Created = q.Created,
                Limit = q.Limit,
                StartingAfter = q.StartingAfter,
            }, null, ct));

    private static async Task<StripePage> PageOf<T>(Task<StripeList<T>> request)
        where T : StripeEntity
    {
        var list = await request;
        return new StripePage([.. list.Data.Select(JsonOf)], list.HasMore);
    }

    /// <summary>
    /// The object exactly as Stripe sent it (Stripe.net keeps it). <c>ToJson()</c> is only the fallback: it
    /// re-serializes the typed model, which fills absent fields with defaults (<c>captured: false</c>,
    /// <c>amount_captured: 0</c>) and drops fields the model does not know.
    /// </summary>
    private static JsonElement JsonOf(StripeEntity entity) =>
        entity.RawJsonElement ?? JsonSerializer.Deserialize<JsonElement>(entity.ToJson());
}
