using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Disputes;
using Serp.Domain.GhlSync;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Integration.GhlSync;

/// <summary>
/// What the ledger tells the GHL outbox (every change of what the contact shows bumps the customer), and what the
/// facts loader reads back for the desired state.
/// </summary>
public sealed class GhlCustomerFactsTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly PurchaseLedger ledger = new(TestCatalog.Create(), new FakeTimeProvider(T0));

    private async Task ApplyAsync(params PurchaseFact[] facts)
    {
        foreach (var fact in facts)
        {
            await using var db = database.CreateDbContext();
            await using var tx = await db.Database.BeginTransactionAsync();
            await ledger.ApplyAsync(db, fact, CancellationToken.None);
            await tx.CommitAsync();
        }
    }

    private async Task<long?> VersionAsync(string email)
    {
        await using var db = database.CreateDbContext();
        return await db.GhlSync.Where(s => s.Email == email).Select(s => (long?)s.DesiredVersion).SingleOrDefaultAsync();
    }

    private async Task<GhlCustomerFacts?> LoadAsync(string email)
    {
        await using var db = database.CreateDbContext();
        return await GhlCustomerFactsLoader.LoadAsync(db, email, CancellationToken.None);
    }

    private static CheckoutFact Checkout(string n, string email, CheckoutOutcome outcome, string offer = "offer-downloader", string? metadata = null) => new()
    {
        Source = "stripe", ObservedAt = T0.AddMinutes(1), SessionId = $"cs_{n}", PaymentRef = outcome == CheckoutOutcome.Expired ? null : $"pi_{n}",
        Outcome = outcome, Paid = outcome == CheckoutOutcome.Completed, AmountTotal = 9700, Currency = "usd", CustomerEmail = email,
        CustomerName = "Ada Lovelace", OfferId = offer, AffiliateId = "aff_007", MetadataJson = metadata, CreatedAt = T0,
    };

    private static DisputeFact Dispute(string n, string status, int day) => new()
    {
        Source = "stripe", ObservedAt = T0.AddDays(day), ProviderDisputeId = $"dp_{n}", PaymentRef = $"pi_{n}", Amount = 9700, Currency = "usd",
        Status = status, CreatedAt = T0.AddDays(5),
    };

    [Fact]
    public async Task An_abandoned_checkout_without_an_order_bumps_its_customer()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        var email = $"abandon.{n}@example.com";

        await ApplyAsync(Checkout(n, email, CheckoutOutcome.Open));
        var whileOpen = await VersionAsync(email);
        await ApplyAsync(Checkout(n, email, CheckoutOutcome.Expired) with { ObservedAt = T0.AddDays(1) });

        Assert.Null(whileOpen);
        Assert.Equal(1, await VersionAsync(email));
    }

    [Fact]
    public async Task A_lost_dispute_bumps_although_the_order_stays_disputed()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        var email = $"dispute.{n}@example.com";
        await ApplyAsync(Checkout(n, email, CheckoutOutcome.Completed), Dispute(n, DisputeStatus.NeedsResponse, 5));
        var open = await VersionAsync(email);

        await ApplyAsync(Dispute(n, DisputeStatus.UnderReview, 6));
        var underReview = await VersionAsync(email);
        await ApplyAsync(Dispute(n, DisputeStatus.Lost, 9));

        Assert.Equal(open, underReview);
        Assert.Equal(open + 1, await VersionAsync(email));
    }

    [Fact]
    public async Task A_purchase_that_changes_email_bumps_both_customers()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        var receipt = $"receipt.{n}@example.com";
        var buyer = $"buyer.{n}@example.com";
        await ApplyAsync(new PaymentFact
        {
            Source = "stripe", ObservedAt = T0, PaymentRef = $"pi_{n}", Amount = 9700, Currency = "usd", CustomerEmail = receipt, CreatedAt = T0,
        });
        var before = await VersionAsync(receipt);

        await ApplyAsync(Checkout(n, buyer, CheckoutOutcome.Completed));

        Assert.Equal(before + 1, await VersionAsync(receipt));
        Assert.NotNull(await VersionAsync(buyer));
        Assert.Null(await LoadAsync(receipt));
    }

    [Fact]
    public async Task The_loader_reads_orders_licenses_abandoned_checkouts_and_open_disputes_by_the_email_key()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        var email = $"Facts.{n}@Example.com";
        var m = n + "b";
        await ApplyAsync(
            Checkout(n, email, CheckoutOutcome.Completed),
            Checkout(m, email.ToLowerInvariant(), CheckoutOutcome.Expired, offer: "offer-bundle"),
            Dispute(n, DisputeStatus.NeedsResponse, 5));

        var facts = await LoadAsync(email.ToUpperInvariant());

        Assert.NotNull(facts);
        Assert.Equal(email.ToLowerInvariant(), facts.Email);
        Assert.Equal("Ada Lovelace", facts.Name);
        Assert.False(facts.IsDemo);
        var order = Assert.Single(facts.Orders);
        Assert.Equal(("offer-downloader", PaymentStatus.Disputed, 9700L, "aff_007"), (order.OfferId, order.PaymentStatus, order.AmountTotal, order.AffiliateId));
        var license = Assert.Single(facts.Licenses);
        Assert.Equal(("downloader", LicenseStatus.Revoked), (license.ProductId, license.Status));
        Assert.Equal([new GhlAbandonedCheckout("offer-bundle", T0)], facts.Abandoned);
        Assert.True(facts.HasOpenDispute);
    }

    [Fact]
    public async Task A_customer_with_a_demo_checkout_is_demo()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        var demo = $"demo.{n}@example.com";
        var real = $"real.{n}@example.com";
        await ApplyAsync(
            Checkout(n, demo, CheckoutOutcome.Completed, metadata: """{"offer_id":"offer-downloader","demo":"true"}"""),
            Checkout(n + "r", real, CheckoutOutcome.Completed, metadata: """{"offer_id":"offer-downloader","demo":"false"}"""));

        Assert.True((await LoadAsync(demo))!.IsDemo);
        Assert.False((await LoadAsync(real))!.IsDemo);
    }

    [Fact]
    public async Task An_email_without_orders_or_abandoned_checkouts_has_no_facts()
    {
        var n = Guid.NewGuid().ToString("N")[..10];
        var browsing = $"browsing.{n}@example.com";
        await ApplyAsync(Checkout(n, browsing, CheckoutOutcome.Open));

        Assert.Null(await LoadAsync(browsing));
        Assert.Null(await LoadAsync($"nobody.{n}@example.com"));
    }
}
