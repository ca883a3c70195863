using System.Globalization;
using Serp.Domain.Catalog;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;

namespace Serp.Domain.GhlSync;

/// <summary>
/// The custom field values of a desired contact, by field key. Every key is always present: an empty string clears
/// the field, so that a refund or a moved order takes its traces away too. Values are one line each (GHL text fields).
/// </summary>
internal static class GhlContactFields
{
    private const int HistoryEntries = 10;

    /// <param name="purchases">The customer's purchases, newest first.</param>
    public static IReadOnlyDictionary<string, string> Build(GhlCustomerFacts facts, IReadOnlyList<GhlOrderFact> purchases, OfferCatalog catalog) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [GhlFieldKeys.LicenseKey] = Licenses(facts.Licenses, catalog),
            [GhlFieldKeys.PurchaseHistory] = History(purchases, catalog),
            [GhlFieldKeys.TotalSpent] = TotalSpent(purchases),
            [GhlFieldKeys.LastPurchaseDate] = purchases.Count == 0 ? "" : GhlDesiredState.IsoDate(GhlDesiredState.PurchasedAt(purchases[0])),
            [GhlFieldKeys.AffiliateId] = purchases.Select(o => o.AffiliateId).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a))
                ?? facts.Orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.OrderId)
                    .Select(o => o.AffiliateId).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a))
                ?? "",
        };

    /// <summary>
    /// "Downloader Pro: SERP-AAAAA-…; Bundle: SERP-BBBBB-… (revoked)": one entry per licensed product, its keys active
    /// first; a revoked key stays visible, marked, so support can tell a customer why it stopped working.
    /// </summary>
    private static string Licenses(IReadOnlyList<GhlLicenseFact> licenses, OfferCatalog catalog) =>
        string.Join("; ", licenses
            .GroupBy(l => l.ProductId, StringComparer.Ordinal)
            .Select(product => (Name: catalog.Offers.FirstOrDefault(o => o.ProductId == product.Key)?.ProductName ?? product.Key, Keys: product))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Keys.Key, StringComparer.Ordinal)
            .Select(p => p.Name + ": " + string.Join(", ", p.Keys
                .OrderBy(l => l.Status == LicenseStatus.Active ? 0 : 1).ThenBy(l => l.IssuedAt).ThenBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => l.Status == LicenseStatus.Active ? l.Key : $"{l.Key} (revoked)"))));

    /// <summary>"3 purchases: 2026-02-03 Downloader Pro $97.00 (refunded); 2026-01-02 Templates Pack $49.00; …", newest first.</summary>
    private static string History(IReadOnlyList<GhlOrderFact> purchases, OfferCatalog catalog)
    {
        if (purchases.Count == 0) return "";
        var entries = purchases.Take(HistoryEntries).Select(o =>
        {
            var entry = $"{GhlDesiredState.IsoDate(GhlDesiredState.PurchasedAt(o))} {GhlDesiredState.ProductName(o.OfferId, catalog)} {new Money.Money(o.AmountTotal, o.Currency).Format()}";
            return o.PaymentStatus switch
            {
                PaymentStatus.Refunded => entry + " (refunded)",
                PaymentStatus.PartiallyRefunded => entry + $" ({new Money.Money(o.AmountRefunded, o.Currency).Format()} refunded)",
                PaymentStatus.Disputed => entry + " (disputed)",
                _ => entry,
            };
        });
        var more = purchases.Count > HistoryEntries ? $"; and {purchases.Count - HistoryEntries} earlier" : "";
        var count = purchases.Count == 1 ? "1 purchase" : $"{purchases.Count.ToString(CultureInfo.InvariantCulture)} purchases";
        return $"{count}: {string.Join("; ", entries)}{more}";
    }

    /// <summary>Net paid (paid − refunded) per currency, "$146.00; €89.00": currencies are never added together.</summary>
    private static string TotalSpent(IReadOnlyList<GhlOrderFact> purchases) =>
        string.Join("; ", purchases
            .GroupBy(o => o.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Money.Money(g.Sum(o => o.AmountTotal - o.AmountRefunded), g.Key).Format()));
}
