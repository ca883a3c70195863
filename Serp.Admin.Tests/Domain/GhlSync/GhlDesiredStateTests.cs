using Serp.Admin.Tests.TestData;
using Serp.Domain.Catalog;
using Serp.Domain.GhlSync;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Domain.GhlSync;

/// <summary>The desired GHL contact, rule by rule, without HTTP or a database.</summary>
public sealed class GhlDesiredStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly OfferCatalog Catalog = new(
    [
        .. TestCatalog.Create().Offers,
        new CatalogOffer { OfferId = "offer-rank", ProductId = "rank", ProductName = "Rank Tracker", GhlTag = "purchase-rank", GhlWorkflowId = "wf-rank", Licensed = true, Price = 14700 },
    ]);

    private static GhlOrderFact Order(string? offer, string status, long amount = 9700, long refunded = 0, string currency = "usd",
        int day = 0, string? affiliate = null, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), offer, status, amount, refunded, currency, T0.AddDays(day),
            status is PaymentStatus.Pending or PaymentStatus.Failed ? null : T0.AddDays(day).AddMinutes(2), affiliate);

    private static GhlCustomerFacts Facts(IReadOnlyList<GhlOrderFact>? orders = null, IReadOnlyList<GhlLicenseFact>? licenses = null,
        IReadOnlyList<GhlAbandonedCheckout>? abandoned = null, bool dispute = false, string? name = "Ada Lovelace") =>
        new("ada@example.com", name, false, orders ?? [], licenses ?? [], abandoned ?? [], dispute);

    private static GhlDesiredContact Build(GhlCustomerFacts facts) => GhlDesiredState.Build(facts, Catalog);

    [Theory]
    [InlineData("Ada Lovelace", "Ada", "Lovelace")]
    [InlineData("  Ada   King  Lovelace ", "Ada", "King Lovelace")]
    [InlineData("Cher", "Cher", null)]
    [InlineData(null, null, null)]
    [InlineData("   ", null, null)]
    public void Splits_the_name_into_first_and_last(string? name, string? first, string? last)
    {
        var contact = Build(Facts([Order("offer-templates", PaymentStatus.Paid)], name: name));

        Assert.Equal(first, contact.FirstName);
        Assert.Equal(last, contact.LastName);
    }

    [Fact]
    public void A_purchase_tags_customer_and_the_catalog_tag_with_a_won_opportunity_at_its_value()
    {
        var contact = Build(Facts([Order("offer-downloader", PaymentStatus.Paid, amount: 9700)]));

        Assert.Equal(["customer", "purchase-downloader"], contact.Tags);
        Assert.Contains("refunded-downloader", contact.RemovedTags);
        Assert.Contains("disputed", contact.RemovedTags);
        Assert.Equal(new GhlDesiredOpportunity("Ada Lovelace", GhlStages.Purchase, GhlOpportunityStatus.Won, 97.00m, "usd"), contact.Opportunity);
    }

    [Fact]
    public void An_offer_missing_from_the_catalog_still_gets_a_purchase_tag_from_its_id()
    {
        var contact = Build(Facts([Order("offer-mystery", PaymentStatus.Paid)]));

        Assert.Contains("purchase-offer-mystery", contact.Tags);
        Assert.Contains("offer-mystery", contact.Fields[GhlFieldKeys.PurchaseHistory], StringComparison.Ordinal);
    }

    [Fact]
    public void Unpaid_orders_are_not_purchases()
    {
        var contact = Build(Facts([Order("offer-templates", PaymentStatus.Pending), Order("offer-bundle", PaymentStatus.Failed)]));

        Assert.Empty(contact.Tags);
        Assert.Null(contact.Opportunity);
        Assert.Equal("", contact.Fields[GhlFieldKeys.PurchaseHistory]);
        Assert.Equal("", contact.Fields[GhlFieldKeys.TotalSpent]);
    }

    [Fact]
    public void A_full_refund_swaps_the_purchase_tag_for_refunded_and_loses_the_opportunity()
    {
        var contact = Build(Facts([Order("offer-downloader", PaymentStatus.Refunded, amount: 9700, refunded: 9700)]));

        Assert.Equal(["customer", "refunded-downloader"], contact.Tags);
        Assert.Contains("purchase-downloader", contact.RemovedTags);
        Assert.Equal(GhlOpportunityStatus.Lost, contact.Opportunity!.Status);
        Assert.Equal(GhlStages.Purchase, contact.Opportunity.Stage);
        Assert.Equal("$0.00", contact.Fields[GhlFieldKeys.TotalSpent]);
    }

    [Fact]
    public void A_partial_refund_keeps_the_purchase_and_values_the_opportunity_at_the_net()
    {
        var contact = Build(Facts([Order("offer-downloader", PaymentStatus.PartiallyRefunded, amount: 9700, refunded: 2000)]));

        Assert.Contains("purchase-downloader", contact.Tags);
        Assert.DoesNotContain("refunded-downloader", contact.Tags);
        Assert.Equal((GhlOpportunityStatus.Won, 77.00m), (contact.Opportunity!.Status, contact.Opportunity.MonetaryValue));
        Assert.Contains("($20.00 refunded)", contact.Fields[GhlFieldKeys.PurchaseHistory], StringComparison.Ordinal);
    }

    [Fact]
    public void Buying_again_after_a_refund_owns_the_product_again()
    {
        var contact = Build(Facts([
            Order("offer-downloader", PaymentStatus.Refunded, refunded: 9700, day: 0),
            Order("offer-downloader", PaymentStatus.Paid, day: 5),
        ]));

        Assert.Contains("purchase-downloader", contact.Tags);
        Assert.Contains("refunded-downloader", contact.RemovedTags);
        Assert.Equal(GhlOpportunityStatus.Won, contact.Opportunity!.Status);
    }

    [Fact]
    public void Refunding_one_product_of_two_keeps_the_other_and_the_won_opportunity()
    {
        var contact = Build(Facts([
            Order("offer-downloader", PaymentStatus.Refunded, refunded: 9700, day: 0),
            Order("offer-templates", PaymentStatus.Paid, amount: 4900, day: 1),
        ]));

        Assert.Equal(["customer", "purchase-templates", "refunded-downloader"], contact.Tags);
        Assert.Equal((GhlOpportunityStatus.Won, 49.00m), (contact.Opportunity!.Status, contact.Opportunity.MonetaryValue));
    }

    [Fact]
    public void Disputed_while_a_dispute_is_open_and_removed_after()
    {
        var open = Build(Facts([Order("offer-templates", PaymentStatus.Disputed)], dispute: true));
        var closed = Build(Facts([Order("offer-templates", PaymentStatus.Paid)], dispute: false));

        Assert.Contains("disputed", open.Tags);
        Assert.Contains("disputed", closed.RemovedTags);
        Assert.DoesNotContain("disputed", closed.Tags);
    }

    [Fact]
    public void An_abandoned_checkout_tags_the_offer_and_makes_a_lead_at_its_price()
    {
        var contact = Build(Facts(abandoned: [new GhlAbandonedCheckout("offer-bundle", T0)]));

        Assert.Equal(["abandoned-offer-bundle"], contact.Tags);
        Assert.Equal(new GhlDesiredOpportunity("Ada Lovelace", GhlStages.Lead, GhlOpportunityStatus.Open, 197.00m, "usd"), contact.Opportunity);
        Assert.DoesNotContain("customer", contact.Tags);
    }

    [Fact]
    public void A_later_purchase_of_the_offer_removes_the_abandoned_tag_but_another_offer_keeps_its_own()
    {
        var contact = Build(Facts(
            orders: [Order("offer-bundle", PaymentStatus.Paid, amount: 19700, day: 2)],
            abandoned: [new GhlAbandonedCheckout("offer-bundle", T0), new GhlAbandonedCheckout("offer-templates", T0)]));

        Assert.Contains("abandoned-offer-bundle", contact.RemovedTags);
        Assert.Contains("abandoned-offer-templates", contact.Tags);
        Assert.Equal(GhlOpportunityStatus.Won, contact.Opportunity!.Status);
    }

    [Fact]
    public void A_purchase_before_the_abandoned_checkout_does_not_clear_it()
    {
        var contact = Build(Facts(
            orders: [Order("offer-bundle", PaymentStatus.Paid, day: -3)],
            abandoned: [new GhlAbandonedCheckout("offer-bundle", T0)]));

        Assert.Contains("abandoned-offer-bundle", contact.Tags);
    }

    [Fact]
    public void License_field_lists_each_licensed_product_and_marks_revoked_keys()
    {
        var bundle = Guid.NewGuid();
        var downloader = Guid.NewGuid();
        var contact = Build(Facts(
            orders: [Order("offer-bundle", PaymentStatus.Paid, id: bundle), Order("offer-downloader", PaymentStatus.Refunded, refunded: 9700, id: downloader)],
            licenses:
            [
                new GhlLicenseFact(downloader, "downloader", "SERP-DDDDD", LicenseStatus.Revoked, T0),
                new GhlLicenseFact(bundle, "bundle", "SERP-BBBBB", LicenseStatus.Active, T0),
            ]));

        Assert.Equal("Bundle: SERP-BBBBB; Downloader Pro: SERP-DDDDD (revoked)", contact.Fields[GhlFieldKeys.LicenseKey]);
    }

    [Fact]
    public void Every_field_key_is_present_and_empty_clears_it()
    {
        var contact = Build(Facts(abandoned: [new GhlAbandonedCheckout("offer-bundle", T0)]));

        Assert.Equal(GhlFieldKeys.All.Order(StringComparer.Ordinal), contact.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.All(contact.Fields.Values, value => Assert.Equal("", value));
    }

    [Fact]
    public void Total_spent_is_per_currency_and_never_added_across_currencies()
    {
        var contact = Build(Facts([
            Order("offer-templates", PaymentStatus.Paid, amount: 4900, currency: "usd", day: 0),
            Order("offer-downloader", PaymentStatus.Paid, amount: 9700, currency: "usd", day: 1),
            Order("offer-bundle", PaymentStatus.Paid, amount: 8999, currency: "eur", day: 2),
            Order("offer-bundle", PaymentStatus.Paid, amount: 3000, currency: "jpy", day: -1),
        ]));

        Assert.Equal("€89.99; ¥3,000; $146.00", contact.Fields[GhlFieldKeys.TotalSpent]);
        // The opportunity is in the newest purchase's currency, with that currency's amounts only.
        Assert.Equal((89.99m, "eur"), (contact.Opportunity!.MonetaryValue, contact.Opportunity.Currency));
    }

    [Fact]
    public void Purchase_history_last_purchase_date_and_affiliate_come_from_the_newest_purchases()
    {
        var contact = Build(Facts([
            Order("offer-templates", PaymentStatus.Paid, amount: 4900, day: 0, affiliate: "aff_001"),
            Order("offer-downloader", PaymentStatus.Refunded, amount: 9700, refunded: 9700, day: 3, affiliate: "aff_002"),
            Order("offer-bundle", PaymentStatus.Pending, day: 9, affiliate: "aff_009"),
        ]));

        Assert.Equal("2 purchases: 2026-03-04 Downloader Pro $97.00 (refunded); 2026-03-01 Templates Pack $49.00",
            contact.Fields[GhlFieldKeys.PurchaseHistory]);
        Assert.Equal("2026-03-04", contact.Fields[GhlFieldKeys.LastPurchaseDate]);
        Assert.Equal("aff_002", contact.Fields[GhlFieldKeys.AffiliateId]);
    }

    [Fact]
    public void Purchase_history_keeps_the_ten_newest_and_counts_the_rest()
    {
        var contact = Build(Facts([.. Enumerable.Range(0, 12).Select(day => Order("offer-templates", PaymentStatus.Paid, amount: 4900, day: day))]));

        var history = contact.Fields[GhlFieldKeys.PurchaseHistory];
        Assert.StartsWith("12 purchases: 2026-03-12 Templates Pack", history, StringComparison.Ordinal);
        Assert.EndsWith("; and 2 earlier", history, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflows_of_owned_offers_only()
    {
        var owned = Build(Facts([Order("offer-rank", PaymentStatus.Paid, amount: 14700)]));
        var refunded = Build(Facts([Order("offer-rank", PaymentStatus.Refunded, amount: 14700, refunded: 14700)]));

        Assert.Equal(["wf-rank"], owned.WorkflowIds);
        Assert.Empty(refunded.WorkflowIds);
    }

    [Fact]
    public void Tags_from_the_catalog_are_lower_case_like_ghl_stores_them()
    {
        var catalog = new OfferCatalog([new CatalogOffer { OfferId = "offer-x", ProductId = "x", ProductName = "X", GhlTag = "Purchase-X" }]);

        var contact = GhlDesiredState.Build(Facts([Order("offer-x", PaymentStatus.Paid)]), catalog);

        Assert.Contains("purchase-x", contact.Tags);
    }

    [Fact]
    public void The_hash_ignores_the_order_of_the_facts_and_changes_with_the_contact()
    {
        GhlOrderFact[] orders =
        [
            Order("offer-templates", PaymentStatus.Paid, amount: 4900, day: 0, affiliate: "aff_001"),
            Order("offer-downloader", PaymentStatus.PartiallyRefunded, amount: 9700, refunded: 1000, day: 1),
            Order("offer-bundle", PaymentStatus.Paid, amount: 8999, currency: "eur", day: 2),
        ];
        GhlAbandonedCheckout[] abandoned = [new("offer-rank", T0.AddDays(-1)), new("offer-bundle", T0.AddDays(-2))];
        GhlLicenseFact[] licenses =
        [
            new(orders[1].OrderId, "downloader", "SERP-AAAAA", LicenseStatus.Active, T0),
            new(orders[2].OrderId, "bundle", "SERP-BBBBB", LicenseStatus.Active, T0),
        ];

        var forward = GhlDesiredState.Hash(Build(Facts(orders, licenses, abandoned)));
        var reversed = GhlDesiredState.Hash(Build(Facts([.. orders.Reverse()], [.. licenses.Reverse()], [.. abandoned.Reverse()])));
        var changed = GhlDesiredState.Hash(Build(Facts(orders, licenses, abandoned, dispute: true)));

        Assert.Equal(forward, reversed);
        Assert.NotEqual(forward, changed);
        Assert.Matches("^[0-9a-f]{64}$", forward);
    }

    [Fact]
    public void The_hash_is_stable_across_runs()
    {
        var contact = new GhlDesiredContact("ada@example.com", "Ada", "Lovelace",
            new Dictionary<string, string> { [GhlFieldKeys.TotalSpent] = "$1.00" }, ["customer"], ["disputed"],
            new GhlDesiredOpportunity("Ada Lovelace", GhlStages.Purchase, GhlOpportunityStatus.Won, 1.00m, "usd"), []);

        // A constant: a change to the canonical form must be deliberate (it makes every contact sync once more).
        Assert.Equal(GhlDesiredState.Hash(contact), GhlDesiredState.Hash(contact with { Tags = ["customer"] }));
        Assert.Equal("cc956b9636c7c9edae45711a36b9c39d894a0156f2b3ccbe7012020cab6f0751", GhlDesiredState.Hash(contact));
    }
}
