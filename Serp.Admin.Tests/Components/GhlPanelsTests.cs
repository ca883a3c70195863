using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Auth;
using Serp.Admin.Features.GhlSync.Drift;
using Serp.Admin.Features.GhlSync.Resync;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Components;

/// <summary>The bulk progress and the drift view of /ghl, over a real database and a stub GHL.</summary>
public sealed class GhlPanelsTests : MudTestContext, IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly PostgresFixture database;
    private readonly StubGhlApi ghl;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public GhlPanelsTests(PostgresFixture database)
    {
        this.database = database;
        Services.AddSingleton<IDbContextFactory<SerpDbContext>>(new TestDbContextFactory(database));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddSingleton(TestCatalog.Create());
        ghl = Services.AddGhlPageForTests();
        ghl.IsConfigured = true;
        AddAuthorization().SetAuthorized("support@serp.local").SetRoles(Roles.Support);
    }

    [Fact]
    public async Task The_bulk_progress_counts_the_rows_of_the_latest_bulk_done_against_its_total()
    {
        var bulkAt = Now.AddMinutes(-5);
        await using (var db = database.CreateDbContext())
        {
            string[] statuses = [GhlSyncStatus.Succeeded, GhlSyncStatus.Failed, GhlSyncStatus.Pending, GhlSyncStatus.InProgress];
            db.GhlSync.AddRange(statuses.Select((s, i) => new GhlSyncState { Email = $"bulk{i}@example.com", Status = s, BulkRequestedAt = bulkAt, UpdatedAt = Now }));
            // An older bulk's row, done: not part of the latest one.
            db.GhlSync.Add(new GhlSyncState { Email = "old@example.com", Status = GhlSyncStatus.Succeeded, BulkRequestedAt = bulkAt.AddDays(-1), UpdatedAt = Now });
            await db.SaveChangesAsync();
        }

        var panel = Render<GhlBulkPanel>();

        panel.WaitForAssertion(() => Assert.Equal("2", panel.Find("[data-testid=ghl-bulk-progress]").GetAttribute("data-done")), Wait);
        var progress = panel.Find("[data-testid=ghl-bulk-progress]");
        Assert.Equal("4", progress.GetAttribute("data-total"));
        Assert.Contains("Running: 2 of", progress.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 synced, 1 failed", progress.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(panel.FindAll("[data-testid=ghl-resync-failed]"));
        Assert.Empty(panel.FindAll("[data-testid=ghl-resync-everyone]")); // Admin only
    }

    [Fact]
    public async Task The_drift_view_puts_expected_and_actual_side_by_side_and_marks_the_differences()
    {
        var email = $"drift.{Guid.NewGuid():N}@example.com";
        await SupportCase.ArrangeAsync(database, email, "usd", Now.AddDays(-2));
        ghl.Contacts.Add(new GhlContact("contact-1", email, "Alice", "Example", ["customer", "vip"], []));

        var panel = Render<GhlDriftPanel>(p => p.Add(x => x.Email, email));
        await panel.InvokeAsync(() => panel.Find("[data-testid=ghl-drift-check]").Click());

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=ghl-drift-lines] tbody tr")), Wait);
        var rows = panel.FindAll("[data-testid=ghl-drift-lines] tbody tr");
        Assert.Contains(rows, r => r.GetAttribute("data-differs") == "no");
        Assert.Contains(rows, r => r.GetAttribute("data-differs") == "yes");
        var customerTag = rows.Single(r => r.TextContent.Contains("customer", StringComparison.Ordinal) && r.TextContent.Contains("Tag", StringComparison.Ordinal));
        Assert.Equal("no", customerTag.GetAttribute("data-differs"));
        // Fields are not mapped in the stub location: every non-empty expected value shows as missing in GHL.
        Assert.Contains(rows, r => r.GetAttribute("data-differs") == "yes" && r.TextContent.Contains("contact.total_spent", StringComparison.Ordinal));
        Assert.Contains("difference", panel.Find("[data-testid=ghl-drift-summary]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(panel.FindAll("[data-testid=ghl-drift-fix]"));
    }
}
