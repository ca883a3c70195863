using Serp.Domain.Disputes;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;
using Serp.Domain.Refunds;

namespace Serp.Admin.Tests.TestData;

/// <summary>
/// Orders, refunds, disputes and a license arranged so that every kind of search has rows that match and rows that do
/// not; each order is named for what a test finds it by.
/// </summary>
public sealed class SearchRows : IAsyncLifetime
{
    public PostgresFixture Database { get; } = new();
    public Dictionary<string, Guid> Orders { get; } = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var now = TestCatalog.Now;
        Order Stripe(string key, string email, string name, int daysAgo) => new()
        {
            Id = Guid.NewGuid(), StripeSessionId = "cs_test_" + key, StripePaymentIntentId = "pi_3" + key,
            StripeChargeId = "ch_3" + key, AmountTotal = 4900, Currency = "usd", CustomerEmail = email,
            CustomerName = name, PaymentStatus = PaymentStatus.Paid, Source = PaymentSource.Stripe,
            CreatedAt = now.AddDays(-daysAgo), UpdatedAt = now.AddDays(-daysAgo),
        };
        var orders = new Dictionary<string, Order>
        {
            ["olivia"] = Stripe("olivia", "Olivia.Smith@Example.com", "Olivia Smith", 5),
            ["olivia-again"] = Stripe("olivia2", "olivia.smith@example.com", "Olivia Smith", 1),
            ["smithson"] = Stripe("smithson", "olivia.smithson@example.org", "Olivia Smithson", 3),
            ["noah"] = Stripe("noah", "noah.kim@example.com", "Noah Kim", 2),
            ["underscore"] = Stripe("under", "under_score@example.net", "Una Der", 6),
            ["underscore-look-alike"] = Stripe("underx", "underxscore@example.net", "Una Derx", 7),
            ["percent"] = new()
            {
                Id = Guid.NewGuid(), PaypalOrderId = "5O190127TN364715T", PaypalCaptureId = "3C679366HH908993F",
                AmountTotal = 700, Currency = "eur", CustomerEmail = "percent%user@example.net", CustomerName = "Per Colt",
                PaymentStatus = PaymentStatus.PartiallyRefunded, Source = PaymentSource.PayPal,
                CreatedAt = now.AddDays(-4), UpdatedAt = now.AddDays(-4),
            },
            ["percent-look-alike"] = Stripe("percentx", "percentxuser@example.net", "Per Centx", 8),
        };
        orders["paypal"] = orders["percent"];
        await using var db = Database.CreateDbContext();
        db.Orders.AddRange(orders.Where(o => o.Key != "paypal").Select(o => o.Value));
        db.Refunds.AddRange(
            Refund("re_3olivia", orders["olivia"].Id, null, "usd"),
            Refund("re_3early", null, "pi_3smithson", "usd"),
            Refund("RF1234567890ABCDE", orders["percent"].Id, null, "eur"),
            // A PayPal refund names only its capture (its link "up"): the charge reference.
            Refund("RF0EARLYPAYPAL001", null, null, "eur", chargeId: "3C679366HH908993F"));
        db.Disputes.AddRange(
            Dispute("dp_1early", null, "pi_3olivia", PaymentSource.Stripe),
            Dispute("PP-D-12345", orders["percent"].Id, null, PaymentSource.PayPal));
        db.Licenses.Add(new License
        {
            Id = Guid.NewGuid(), OrderId = orders["noah"].Id, ProductId = "serp-pro", Key = "SERP-AAAAA-BBBBB-CCCCC-DDDDD",
            Status = LicenseStatus.Active, IssuedAt = now,
        });
        await db.SaveChangesAsync();
        foreach (var (key, order) in orders) Orders[key] = order.Id;

        Refund Refund(string id, Guid? orderId, string? paymentRef, string currency, string? chargeId = null) => new()
        {
            Id = Guid.NewGuid(), OrderId = orderId, PaymentRef = paymentRef, ChargeId = chargeId, ProviderRefundId = id, Amount = 500,
            Currency = currency, Status = RefundStatus.Succeeded, Source = id.StartsWith("re_", StringComparison.Ordinal)
                ? PaymentSource.Stripe : PaymentSource.PayPal,
            ObservedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        Dispute Dispute(string id, Guid? orderId, string? paymentRef, string source) => new()
        {
            Id = Guid.NewGuid(), OrderId = orderId, PaymentRef = paymentRef, ProviderDisputeId = id, Amount = 4900,
            Currency = "usd", Status = DisputeStatus.NeedsResponse, Source = source, EvidenceDueBy = now.AddDays(7),
            ObservedAt = now, CreatedAt = now, UpdatedAt = now,
        };
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}
