using System.Security.Claims;
using Serp.Admin.Auth;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Tests.Fakes.Stripe;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Tests.TestData.Stripe;
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
    public Task<PaidOrder> PaidOrderAsync(long amount = 9700, string currency = "usd", string source = PaymentSource.Stripe) =>
        PaidStripeOrders.CreateAsync(Database, Factory.Services.GetRequiredService<PurchaseLedger>(), Stripe, amount, currency, source);

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (Stripe is not null) await Stripe.DisposeAsync();
        await Database.DisposeAsync();
    }
}
