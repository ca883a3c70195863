using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Monitoring;
using Serp.Admin.Features.Monitoring.StaleSessions;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Checkout;
using Serp.Domain.GhlSync;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Integration.Monitoring;

public sealed class StaleSessionSweepTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    private StaleSessionSweep Sweep(TimeProvider time, int minutes = 60) =>
        new(new TestDbContextFactory(database), new TestOptionsMonitor<MonitoringOptions>(new() { StaleSessionMinutes = minutes }), time);

    private async Task<Guid> InsertSessionAsync(string status, DateTimeOffset createdAt, string email)
    {
        var id = Guid.NewGuid();
        await using var db = database.CreateDbContext();
        db.CheckoutSessions.Add(new CheckoutSession
        {
            Id = id, StripeSessionId = "cs_sweep_" + id.ToString("N")[..12], OfferId = "offer-templates", CustomerEmail = email,
            Status = status, Source = "stripe", CreatedAt = createdAt, UpdatedAt = createdAt,
        });
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<string> StatusOfAsync(Guid id)
    {
        await using var db = database.CreateDbContext();
        return await db.CheckoutSessions.Where(s => s.Id == id).Select(s => s.Status).SingleAsync();
    }

    [Fact]
    public async Task Sessions_pending_longer_than_the_threshold_become_abandoned_and_their_customers_are_queued_for_ghl()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var stale = await InsertSessionAsync(CheckoutStatus.Pending, Now.AddMinutes(-61), $"Stale-{tag}@Example.com");
        var fresh = await InsertSessionAsync(CheckoutStatus.Pending, Now.AddMinutes(-59), $"fresh-{tag}@example.com");
        var completed = await InsertSessionAsync(CheckoutStatus.Completed, Now.AddHours(-5), $"paid-{tag}@example.com");

        var marked = await Sweep(new FakeTimeProvider(Now)).SweepAsync(CancellationToken.None);

        Assert.True(marked >= 1);
        Assert.Equal(CheckoutStatus.Abandoned, await StatusOfAsync(stale));
        Assert.Equal(CheckoutStatus.Pending, await StatusOfAsync(fresh));
        Assert.Equal(CheckoutStatus.Completed, await StatusOfAsync(completed));
        await using var db = database.CreateDbContext();
        var queued = await db.GhlSync.Where(s => s.Email.EndsWith(tag + "@example.com")).Select(s => s.Email).ToListAsync();
        Assert.Equal([$"stale-{tag}@example.com"], queued);
    }

    [Fact]
    public async Task The_threshold_comes_from_configuration()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var session = await InsertSessionAsync(CheckoutStatus.Pending, Now.AddMinutes(-20), $"short-{tag}@example.com");

        await Sweep(new FakeTimeProvider(Now), minutes: 30).SweepAsync(CancellationToken.None);
        Assert.Equal(CheckoutStatus.Pending, await StatusOfAsync(session));

        await Sweep(new FakeTimeProvider(Now), minutes: 15).SweepAsync(CancellationToken.None);
        Assert.Equal(CheckoutStatus.Abandoned, await StatusOfAsync(session));
    }

    [Fact]
    public async Task A_checkout_that_completes_after_the_sweep_abandoned_it_becomes_completed()
    {
        var sessionId = "cs_late_" + Guid.NewGuid().ToString("N")[..10];
        var opened = Now.AddHours(-3);
        var time = new FakeTimeProvider(opened);
        var ledger = new PurchaseLedger(TestCatalog.Create(), time);
        var open = new CheckoutFact
        {
            Source = "stripe", ObservedAt = opened, SessionId = sessionId, Outcome = CheckoutOutcome.Open,
            CustomerEmail = "late@example.com", OfferId = "offer-templates", CreatedAt = opened,
        };
        await ApplyAsync(ledger, open);

        time.SetUtcNow(opened.AddMinutes(61));
        await Sweep(time).SweepAsync(CancellationToken.None);
        Guid id;
        await using (var db = database.CreateDbContext())
        {
            id = await db.CheckoutSessions.Where(s => s.StripeSessionId == sessionId).Select(s => s.Id).SingleAsync();
        }
        Assert.Equal(CheckoutStatus.Abandoned, await StatusOfAsync(id));

        // The customer pays with the same session later (an asynchronous payment, a webhook delivered late).
        await ApplyAsync(ledger, open with
        {
            ObservedAt = opened.AddMinutes(90), Outcome = CheckoutOutcome.Completed, Paid = true, PaymentRef = "pi_late_" + sessionId[8..],
            AmountTotal = 4900, Currency = "usd",
        });

        Assert.Equal(CheckoutStatus.Completed, await StatusOfAsync(id));
    }

    private async Task ApplyAsync(PurchaseLedger ledger, PurchaseFact fact)
    {
        await using var db = database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ledger.ApplyAsync(db, fact, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
