using Serp.Domain.Catalog;

namespace Serp.Admin.Tests.TestData;

internal static class TestCatalog
{
    public static OfferCatalog Create() => new(
    [
        new CatalogOffer { OfferId = "offer-templates", ProductId = "templates", ProductName = "Templates Pack", GhlTag = "purchase-templates", Price = 4900 },
        new CatalogOffer { OfferId = "offer-downloader", ProductId = "downloader", ProductName = "Downloader Pro", GhlTag = "purchase-downloader", Licensed = true, Price = 9700 },
        new CatalogOffer { OfferId = "offer-bundle", ProductId = "bundle", ProductName = "Bundle", GhlTag = "purchase-bundle", Licensed = true, Price = 19700 },
    ]);

    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
}
