using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Serp.Admin.Features.GhlSync.Configuration;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Admin.Tests.Integration.Ghl;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Catalog;
using Serp.Domain.GhlSync;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.GhlPage;

/// <summary>The configuration check against the fake GHL location: found and missing mappings, offers without a tag.</summary>
public sealed class GhlConfigurationCheckTests(PostgresFixture database, FakeGhlFixture fake)
    : IClassFixture<PostgresFixture>, IClassFixture<FakeGhlFixture>
{
    private static readonly OfferCatalog Catalog = new(
    [
        new CatalogOffer { OfferId = "offer-tagged", ProductId = "tagged", ProductName = "Tagged", GhlTag = "purchase-tagged", GhlWorkflowId = FakeGhlApi.WelcomeWorkflowId },
        new CatalogOffer { OfferId = "offer-untagged", ProductId = "untagged", ProductName = "Untagged", GhlTag = "purchase-untagged", GhlWorkflowId = "workflow-gone" },
    ]);

    // Only the first offer names its tag in configuration; the second one gets the default.
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Catalog:Offers:offer-tagged:GhlTag"] = "purchase-tagged" }).Build();

    // Generous: the machine running the suite is busy, and this test is about what is found, not how fast.
    private static readonly Dictionary<string, string?> SlowMachine = new() { ["Ghl:Timeout"] = "00:00:30" };

    private async Task<GhlConfigurationReport> RunAsync()
    {
        using var host = new GhlTestHost(fake.Ghl, database.ConnectionString, SlowMachine);
        var check = new GhlConfigurationCheck(host.Api, host.Map, host.Services.GetRequiredService<IOptionsMonitor<GhlOptions>>(), Catalog,
            Configuration, new TestDbContextFactory(database));
        return await check.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Every_mapping_is_marked_found_or_missing_from_what_the_location_holds()
    {
        fake.Ghl.Reset();
        fake.Ghl.RemoveCustomField(GhlFieldKeys.AffiliateId);
        fake.Ghl.RemoveStage(FakeGhlApi.SerpOffersPipelineId, GhlStages.Lead);

        var report = await RunAsync();

        Assert.Equal(10, report.Mappings.Count); // 5 fields, the pipeline, 2 stages, a workflow per offer that names one
        var missing = report.Mappings.Where(m => !m.Found).Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([GhlStages.Lead, GhlFieldKeys.AffiliateId, "offer-untagged → workflow-gone"], missing);
        Assert.Contains(report.Mappings, m => m is { Kind: "Pipeline", Found: true, Id: FakeGhlApi.SerpOffersPipelineId });
        Assert.Contains(report.Fields, f => f.FieldKey == "contact.pincode");
        Assert.Equal(3, report.Calls.Count); // custom fields, pipelines, workflows
    }

    [Fact]
    public async Task Offers_without_a_tag_are_listed_with_offer_ids_from_orders_the_catalog_does_not_know()
    {
        fake.Ghl.Reset();
        await using (var db = database.CreateDbContext())
        {
            foreach (var offer in new[] { "offer-tagged", "offer-tagged", "offer-legacy", "offer-untagged", "offer-zeta" })
            {
                db.Orders.Add(new Order
                {
                    Id = Guid.NewGuid(), OfferId = offer, AmountTotal = 100, Currency = "usd", CustomerEmail = "x@example.com", Metadata = JsonDocument.Parse("{}"),
                    PaymentStatus = PaymentStatus.Paid, Source = PaymentSource.Stripe, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                });
            }
            await db.SaveChangesAsync();
        }

        var report = await RunAsync();

        Assert.Equal(["offer-untagged"], report.OffersWithoutTag.Select(o => o.OfferId));
        Assert.Equal(["offer-legacy", "offer-zeta"], report.UnknownOfferIds);
        await using var check = database.CreateDbContext();
        var distinct = await check.Orders.Where(o => o.OfferId != null).Select(o => o.OfferId!).Distinct().OrderBy(o => o).ToListAsync();
        using var host = new GhlTestHost(fake.Ghl, database.ConnectionString, SlowMachine);
        Assert.Equal(distinct, await new GhlConfigurationCheck(host.Api, host.Map, host.Services.GetRequiredService<IOptionsMonitor<GhlOptions>>(),
            Catalog, Configuration, new TestDbContextFactory(database)).OfferIdsInOrdersAsync(CancellationToken.None));
    }
}
