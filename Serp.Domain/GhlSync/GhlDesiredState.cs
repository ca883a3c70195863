using System.Globalization;
using Serp.Domain.Catalog;
using Serp.Domain.Orders;

namespace Serp.Domain.GhlSync;

/// <summary>
/// What a customer's GHL contact must look like, from what the database knows (a pure function: no HTTP, no database).
/// The same facts in any order give the same contact and the same <see cref="Hash"/>. Rules (docs/decisions/0014):
/// <list type="bullet">
/// <item>A purchase is an order that was paid (paid, partially refunded, refunded or disputed); one fully refunded no longer
/// counts as owned.</item>
/// <item>Tags: <c>customer</c> once anything was bought; the catalog's <c>purchase-</c> tag per offer owned (an offer missing
/// from the catalog: <c>purchase-&lt;offer_id&gt;</c>); <c>refunded-&lt;product&gt;</c> when every purchase of it was
/// refunded; <c>disputed</c> while a dispute is open; <c>abandoned-&lt;offer&gt;</c> for an abandoned checkout with no
/// purchase of that offer since. Every other tag this app manages is in <see cref="GhlDesiredContact.RemovedTags"/>.</item>
/// <item>Opportunity: Purchase / won, valued at the net paid, while something is owned; Purchase / lost, valued at what was
/// paid, once every purchase was refunded; Lead / open, valued at the offer's price, for abandoned checkouts only. Its
/// currency is the newest purchase's: amounts of other currencies are never added in.</item>
/// </list>
/// </summary>
public static class GhlDesiredState
{
    public const string CustomerTag = "customer";
    public const string DisputedTag = "disputed";

    public static GhlDesiredContact Build(GhlCustomerFacts facts, OfferCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(catalog);
        // Newest first, ties by id: every "newest" below is independent of the order the facts came in.
        var purchases = facts.Orders.Where(IsPurchase)
            .OrderByDescending(PurchasedAt).ThenByDescending(o => o.OrderId).ToList();
        var owned = purchases.Where(o => o.PaymentStatus != PaymentStatus.Refunded).ToList();

        var tags = new SortedSet<string>(StringComparer.Ordinal);
        if (purchases.Count > 0) tags.Add(CustomerTag);
        foreach (var order in owned) AddTag(tags, PurchaseTag(order.OfferId, catalog));
        foreach (var order in purchases.Where(o => o.PaymentStatus == PaymentStatus.Refunded))
        {
            if (!owned.Any(o => SameProduct(o.OfferId, order.OfferId, catalog))) AddTag(tags, RefundedTag(order.OfferId, catalog));
        }
        if (facts.HasOpenDispute) tags.Add(DisputedTag);
        var stillAbandoned = facts.Abandoned
            .Where(a => !purchases.Any(o => o.OfferId == a.OfferId && o.CreatedAt >= a.At))
            .OrderByDescending(a => a.At).ThenBy(a => a.OfferId, StringComparer.Ordinal).ToList();
        foreach (var abandoned in stillAbandoned) AddTag(tags, AbandonedTag(abandoned.OfferId));

        var (first, last) = SplitName(facts.Name);
        return new GhlDesiredContact(
            facts.Email,
            first,
            last,
            GhlContactFields.Build(facts, purchases, catalog),
            [.. tags],
            [.. ManagedTags(facts, catalog).Except(tags, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Opportunity(facts, purchases, owned, stillAbandoned, catalog),
            [.. owned.Select(o => catalog.Find(o.OfferId)?.GhlWorkflowId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Stable SHA-256 (lower-case hex) of the contact's canonical form: equal contacts, equal hashes.</summary>
    public static string Hash(GhlDesiredContact contact) => GhlDesiredHash.Of(contact);

    internal static bool IsPurchase(GhlOrderFact order) =>
        order.PaidAt is not null && order.PaymentStatus is PaymentStatus.Paid or PaymentStatus.PartiallyRefunded
            or PaymentStatus.Refunded or PaymentStatus.Disputed;

    internal static DateTimeOffset PurchasedAt(GhlOrderFact order) => order.PaidAt ?? order.CreatedAt;

    internal static string ProductName(string? offerId, OfferCatalog catalog) => catalog.Find(offerId)?.ProductName ?? offerId ?? "Unknown offer";

    private static string? PurchaseTag(string? offerId, OfferCatalog catalog) =>
        offerId is null ? null : catalog.Find(offerId)?.GhlTag ?? $"purchase-{offerId}";

    private static string? RefundedTag(string? offerId, OfferCatalog catalog) =>
        offerId is null ? null : $"refunded-{catalog.Find(offerId)?.ProductId ?? offerId}";

    private static string AbandonedTag(string offerId) => $"abandoned-{offerId}";

    private static bool SameProduct(string? a, string? b, OfferCatalog catalog) =>
        a is not null && b is not null && (catalog.Find(a)?.ProductId ?? a) == (catalog.Find(b)?.ProductId ?? b);

    // GHL stores tags in lower case: so do we, or every sync would see a difference.
    private static void AddTag(SortedSet<string> tags, string? tag)
    {
        if (!string.IsNullOrWhiteSpace(tag)) tags.Add(tag.Trim().ToLowerInvariant());
    }

    /// <summary>Every tag this app sets for this customer's offers and the catalog's: what it may also take away.</summary>
    private static SortedSet<string> ManagedTags(GhlCustomerFacts facts, OfferCatalog catalog)
    {
        var managed = new SortedSet<string>(StringComparer.Ordinal) { DisputedTag };
        var offers = catalog.Offers.Select(o => o.OfferId)
            .Concat(facts.Orders.Select(o => o.OfferId).OfType<string>())
            .Concat(facts.Abandoned.Select(a => a.OfferId));
        foreach (var offer in offers)
        {
            AddTag(managed, PurchaseTag(offer, catalog));
            AddTag(managed, RefundedTag(offer, catalog));
            AddTag(managed, AbandonedTag(offer));
        }
        return managed;
    }

    private static GhlDesiredOpportunity? Opportunity(GhlCustomerFacts facts, List<GhlOrderFact> purchases, List<GhlOrderFact> owned,
        List<GhlAbandonedCheckout> abandoned, OfferCatalog catalog)
    {
        var name = string.IsNullOrWhiteSpace(facts.Name) ? facts.Email : facts.Name.Trim();
        if (purchases.Count > 0)
        {
            var currency = purchases[0].Currency;
            var inCurrency = purchases.Where(o => o.Currency == currency).ToList();
            return owned.Count > 0
                ? new GhlDesiredOpportunity(name, GhlStages.Purchase, GhlOpportunityStatus.Won,
                    Major(inCurrency.Sum(o => o.AmountTotal - o.AmountRefunded), currency), currency)
                : new GhlDesiredOpportunity(name, GhlStages.Purchase, GhlOpportunityStatus.Lost,
                    Major(inCurrency.Sum(o => o.AmountTotal), currency), currency);
        }
        if (abandoned.Count == 0) return null;
        var offer = catalog.Find(abandoned[0].OfferId);
        return offer is null
            ? new GhlDesiredOpportunity(name, GhlStages.Lead, GhlOpportunityStatus.Open, 0m, null)
            : new GhlDesiredOpportunity(name, GhlStages.Lead, GhlOpportunityStatus.Open, Major(offer.Price, offer.Currency), offer.Currency);
    }

    private static decimal Major(long minorUnits, string currency) => new Money.Money(minorUnits, currency).Major;

    /// <summary>"Ada King Lovelace" → ("Ada", "King Lovelace"); one word → first name only.</summary>
    internal static (string? First, string? Last) SplitName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return (null, null);
        var parts = name.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (parts[0], parts.Length > 1 ? string.Join(' ', parts[1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : null);
    }

    internal static string IsoDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
