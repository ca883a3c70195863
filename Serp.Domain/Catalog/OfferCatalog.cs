namespace Serp.Domain.Catalog;

/// <summary>The offers the store sells, from <c>Catalog:Offers</c>. Unknown offer ids stay displayable.</summary>
public sealed class OfferCatalog(IEnumerable<CatalogOffer> offers)
{
    private readonly Dictionary<string, CatalogOffer> byId = offers.ToDictionary(o => o.OfferId, StringComparer.Ordinal);

    public IReadOnlyCollection<CatalogOffer> Offers => byId.Values;

    public CatalogOffer? Find(string? offerId) =>
        offerId is not null && byId.TryGetValue(offerId, out var offer) ? offer : null;

    /// <summary>The product name for an offer, or the raw offer id when the catalog does not know it.</summary>
    public string DisplayName(string? offerId) => Find(offerId)?.ProductName ?? offerId ?? "—";
}
