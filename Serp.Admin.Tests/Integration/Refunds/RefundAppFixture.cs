using System.Security.Claims;
using Serp.Admin.Auth;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Tests.Fakes.Stripe;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Integration.Refunds;

/// <summary>
/// The app against the fake Stripe API (refund endpoint included) with a Support limit of $500.00 and ¥50,000, over
/// a database of its own. <see cref="PaidOrderAsync"/> makes a paid Stripe order through the real ledger and tells
/// the fake about its payment, with ids unique per call, so tests share the fixture without seeing each other.
/// </summary>
public sealed class RefundAppFixture : IAsyncLifetime
{
    public const long SupportMaxUsd = 50_000;

    public PostgresFixture Database { get; } = new();
    public FakeStripeApi Stripe { get; private set; } = null!;
    public AdminAppFactory Factory { get; private set; } = null!;

    public OrderRefunds Refunds => Factory.Services.GetRequiredService<OrderRefunds>();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Stripe = await FakeStripeApi.StartAsync();
        var settings = ReconciliationAppFixture.Settings(Stripe.BaseUrl, FakeStripeApi.ApiKey);
        settings["Refunds:SupportMaxAmount:usd"] = SupportMaxUsd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Refunds:SupportMaxAmount:jpy"] = "50000";
        Factory = new AdminAppFactory(Database.ConnectionString, settings: settings);
    }

    public static ClaimsPrincipal Staff(string role, string email) => new(new ClaimsIdentity(
        [new Claim("sub", "sub-" + email), new Claim("email", email), new Claim(ClaimTypes.Role, role)], "test"));

    public static ClaimsPrincipal Support { get; } = Staff(Roles.Support, "support.desk@example.com");

    /// <summary>A paid order of the licensed downloader offer, known to the fake Stripe, as Stripe's webhooks would make it.</summary>
    public async Task<PaidOrder> PaidOrderAsync(long amount = 9700, string currency = "usd", string source = PaymentSource.Stripe)
    {
        var suffix = Guid.NewGuid().ToString("N")[..16];
        var order = new PaidOrder($"pi_{suffix}", $"ch_{suffix}", $"ada.{suffix}@example.com", amount, currency);
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var ledger = Factory.Services.GetRequiredService<PurchaseLedger>();
        PurchaseFact[] facts =
        [
            new CheckoutFact
            {
                Source = source, ObservedAt = at, SessionId = $"cs_test_{suffix}", PaymentRef = order.PaymentIntent,
                Outcome = CheckoutOutcome.Completed, Paid = true, AmountTotal = amount, Currency = currency,
                CustomerEmail = order.Email, CustomerName = "Ada Lovelace", OfferId = "offer-serp-downloader", CreatedAt = at,
            },
            new PaymentFact
            {
                Source = source, ObservedAt = at, PaymentRef = order.PaymentIntent, ChargeId = order.Charge, Amount = amount,
                Currency = currency, CreatedAt = at,
            },
        ];
        foreach (var fact in facts)
        {
            await using var db = Database.CreateDbContext();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await ledger.ApplyAsync(db, fact, CancellationToken.None);
            await transaction.CommitAsync();
        }
        Stripe.AddPayment(order.PaymentIntent, order.Charge, amount, currency);
        return order with { Id = StableId.For("order", order.PaymentIntent) };
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (Stripe is not null) await Stripe.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public sealed record PaidOrder(string PaymentIntent, string Charge, string Email, long Amount, string Currency)
{
    public Guid Id { get; init; }

    public RefundRequest Request(long amount, string reason = RefundReasons.RequestedByCustomer, string? note = null) =>
        new(Id, Guid.NewGuid(), amount, reason, note);
}
