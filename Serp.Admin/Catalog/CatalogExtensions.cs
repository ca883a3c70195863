using Serp.Domain.Catalog;

namespace Serp.Admin.Catalog;

internal static class CatalogExtensions
{
    /// <summary>Binds <c>Catalog:Offers</c> (offer id → product) into the <see cref="OfferCatalog"/> singleton.</summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var section = services.GetRequiredService<IConfiguration>().GetSection("Catalog:Offers");
            var offers = section.GetChildren().Select(child =>
            {
                var settings = child.Get<OfferSettings>() ?? new OfferSettings();
                return new CatalogOffer
                {
                    OfferId = child.Key,
                    ProductId = settings.ProductId ?? child.Key,
                    ProductName = settings.ProductName ?? child.Key,
                    GhlTag = settings.GhlTag ?? $"purchase-{settings.ProductId ?? child.Key}",
                    GhlWorkflowId = string.IsNullOrWhiteSpace(settings.WorkflowId) ? null : settings.WorkflowId,
                    Licensed = settings.Licensed,
                    Price = settings.Price,
                    Currency = settings.Currency ?? "usd",
                };
            });
            return new OfferCatalog(offers);
        });
        return builder;
    }

    private sealed class OfferSettings
    {
        public string? ProductId { get; set; }
        public string? ProductName { get; set; }
        public string? GhlTag { get; set; }
        public string? WorkflowId { get; set; }
        public bool Licensed { get; set; }
        public long Price { get; set; }
        public string? Currency { get; set; }
    }
}
