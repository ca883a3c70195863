using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring.Alerts;
using Serp.Admin.Features.Monitoring.Alerts.Rules;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;
using Serp.Domain.Orders;
using Serp.Domain.Payments;
using Serp.Domain.Refunds;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Integration.Monitoring;

/// <summary>Rows the alert rules read, written straight into a test database, and the evaluator over it.</summary>
internal sealed class AlertSeed(PostgresFixture database)
{
    public TestOptionsMonitor<AlertsOptions> Options { get; } = new(new AlertsOptions());

    public static IAlertRule[] Rules(TestOptionsMonitor<AlertsOptions> options) =>
    [
        new OrderVolumeRule(options), new PaymentFailureRateRule(options), new RefundSpikeRule(options),
        new ProviderSilentRule(options), new WebhookVerificationFailuresRule(options), new EventsStuckRule(options),
        new GhlBacklogRule(options),
    ];

    public AlertEvaluator Evaluator(TimeProvider time) =>
        new(new TestDbContextFactory(database), Rules(Options), time, NullLogger<AlertEvaluator>.Instance);

    /// <summary>Empties every table the rules read, and the alerts: each test starts from nothing.</summary>
    public async Task ResetAsync()
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("""
            TRUNCATE alerts, webhook_refusals, webhook_events, payment_failures, refunds, orders, checkout_sessions,
                     ghl_sync, ghl_sync_attempts CASCADE
            """);
    }

    public async Task<IReadOnlyList<Serp.Domain.Monitoring.Alert>> AlertsAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<List<Order>> OrdersAsync(int count, DateTimeOffset from, TimeSpan spread, string source = PaymentSource.Stripe,
        string offer = "offer-templates", bool paid = true)
    {
        await using var db = database.CreateDbContext();
        var orders = Enumerable.Range(0, count).Select(i =>
        {
            var at = from + spread * i / Math.Max(1, count);
            return new Order
            {
                Id = Guid.NewGuid(), Currency = "usd", AmountTotal = 4900, OfferId = offer, Source = source,
                PaymentStatus = paid ? PaymentStatus.Paid : PaymentStatus.Failed, PaidAt = paid ? at : null,
                StripePaymentIntentId = source == PaymentSource.Stripe ? "pi_seed_" + Guid.NewGuid().ToString("N") : null,
                PaypalOrderId = source == PaymentSource.PayPal ? "PP" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant() : null,
                CreatedAt = at, UpdatedAt = at,
            };
        }).ToList();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
        return orders;
    }

    public async Task PaymentFailuresAsync(int count, DateTimeOffset from, TimeSpan spread, string source = PaymentSource.Stripe)
    {
        await using var db = database.CreateDbContext();
        db.PaymentFailures.AddRange(Enumerable.Range(0, count).Select(i => new PaymentFailure
        {
            Id = Guid.NewGuid(), Source = source, PaymentRef = "pi_fail_" + Guid.NewGuid().ToString("N"), AttemptRef = "ch_1",
            Currency = "usd", Amount = 4900, FailureCode = "card_declined", OccurredAt = from + spread * i / Math.Max(1, count),
        }));
        await db.SaveChangesAsync();
    }

    public async Task RefundsAsync(IEnumerable<Order> orders, DateTimeOffset at)
    {
        await using var db = database.CreateDbContext();
        db.Refunds.AddRange(orders.Select(o => new Refund
        {
            Id = Guid.NewGuid(), OrderId = o.Id, Source = o.Source, ProviderRefundId = "re_" + Guid.NewGuid().ToString("N"),
            Amount = o.AmountTotal, Currency = o.Currency, Status = RefundStatus.Succeeded, ObservedAt = at, CreatedAt = at, UpdatedAt = at,
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>One event every <paramref name="every"/> from <paramref name="from"/> up to (not including) <paramref name="to"/>.</summary>
    public async Task EventsAsync(string provider, DateTimeOffset from, DateTimeOffset to, TimeSpan every, string status = WebhookEventStatus.Processed)
    {
        await using var db = database.CreateDbContext();
        for (var at = from; at < to; at += every)
        {
            db.WebhookEvents.Add(Event(provider, at, status));
        }
        await db.SaveChangesAsync();
    }

    public static WebhookEvent Event(string provider, DateTimeOffset at, string status) => new()
    {
        Provider = provider, EventId = "evt_" + Guid.NewGuid().ToString("N"), EventType = "checkout.session.completed",
        Payload = JsonDocument.Parse("{}"), Status = status, ReceivedAt = at, ProcessedAt = status == WebhookEventStatus.Received ? null : at,
    };

    public async Task RefusalsAsync(string provider, string reason, DateTimeOffset minute, long count)
    {
        await using var db = database.CreateDbContext();
        db.WebhookRefusals.Add(new Serp.Domain.Monitoring.WebhookRefusal { Provider = provider, Reason = reason, Minute = minute, Count = count });
        await db.SaveChangesAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<SerpDbContext, Task<T>> action)
    {
        await using var db = database.CreateDbContext();
        return await action(db);
    }

    public static FakeTimeProvider Clock(DateTimeOffset now) => new(now);
}
