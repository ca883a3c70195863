using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Auth;
using Serp.Admin.Features.GhlSync.Drift;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Admin.Tests.Integration.Ghl;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.GhlPage;

/// <summary>
/// A drift scan end to end through the real GHL client against the fake GHL server: who may start one, what it
/// checks, what it stores.
/// </summary>
public sealed class GhlDriftScanTests(PostgresFixture database, FakeGhlFixture fake)
    : IClassFixture<PostgresFixture>, IClassFixture<FakeGhlFixture>
{
    // Generous: the machine running the suite is busy, and this test is about what is found, not how fast.
    private static readonly Dictionary<string, string?> SlowMachine = new() { ["Ghl:Timeout"] = "00:00:30" };

    private async Task<string> SyncedCustomerAsync(string name, string status = GhlSyncStatus.Succeeded)
    {
        var email = $"{name}.{Guid.NewGuid():N}@example.com";
        await SupportCase.ArrangeAsync(database, email, "usd", DateTimeOffset.UtcNow.AddDays(-3));
        await using var db = database.CreateDbContext();
        db.GhlSync.Add(new GhlSyncState { Email = email, Status = status, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>Puts the contact into the fake GHL exactly as the desired state says, less the tags given.</summary>
    private async Task AddMatchingContactAsync(string email, params string[] withoutTags)
    {
        await using var db = database.CreateDbContext();
        var desired = GhlDesiredState.Build((await GhlCustomerFactsLoader.LoadAsync(db, email, CancellationToken.None))!, TestCatalog.Create());
        fake.Ghl.AddContact(email, desired.FirstName, desired.LastName, desired.Tags.Except(withoutTags),
            desired.Fields.Where(f => f.Value.Length > 0).ToDictionary(f => FakeGhlApi.SeededFieldId(f.Key), f => f.Value));
    }

    [Fact]
    public async Task A_sample_scan_checks_synced_customers_and_stores_only_the_drifted_ones()
    {
        await using (var db = database.CreateDbContext()) await db.GhlSync.ExecuteDeleteAsync();
        fake.Ghl.Reset();
        var same = await SyncedCustomerAsync("same");
        var untagged = await SyncedCustomerAsync("untagged");
        var missing = await SyncedCustomerAsync("missing");
        await SyncedCustomerAsync("failed", GhlSyncStatus.Failed);
        await AddMatchingContactAsync(same);
        await AddMatchingContactAsync(untagged, withoutTags: "customer");
        using var host = new GhlTestHost(fake.Ghl, database.ConnectionString, SlowMachine);
        var drift = new GhlDriftCheck(host.Api, host.Map, TestCatalog.Create(), new TestDbContextFactory(database));
        var scans = new GhlDriftScans(new TestDbContextFactory(database), TimeProvider.System);
        var worker = new GhlDriftScanWorker(new TestDbContextFactory(database), drift, host.Api, TimeProvider.System, NullLogger<GhlDriftScanWorker>.Instance);

        var (scan, _) = await scans.StartAsync(TestStaff.WithRole(Roles.Support), 50, CancellationToken.None);
        var (again, message) = await scans.StartAsync(TestStaff.WithRole(Roles.Support), 50, CancellationToken.None);
        Assert.True(await worker.RunOneAsync(CancellationToken.None));
        Assert.False(await worker.RunOneAsync(CancellationToken.None));

        Assert.Equal((scan!.Id, "A drift scan is already under way."), (again!.Id, message));
        var view = await scans.LatestAsync(CancellationToken.None);
        Assert.Equal((GhlDriftScanStatus.Finished, 3, 3, 2), (view!.Scan.Status, view.Scan.Total, view.Scan.Checked, view.Scan.Drifted));
        var findings = view.Findings.ToDictionary(f => f.Email, f => f.Summary);
        Assert.Equal(2, findings.Count);
        Assert.Equal("tag customer missing", findings[untagged]);
        Assert.Equal("no contact in GHL", findings[missing]);
        await using var check = database.CreateDbContext();
        Assert.Equal(1, await check.AuditLog.CountAsync(a => a.Action == GhlDriftScans.AuditAction));
    }

    [Fact]
    public async Task Scanning_everyone_is_refused_to_support_and_any_scan_to_a_viewer()
    {
        var scans = new GhlDriftScans(new TestDbContextFactory(database), TimeProvider.System);

        var everyone = await scans.StartAsync(TestStaff.WithRole(Roles.Support), null, CancellationToken.None);
        var sample = await scans.StartAsync(TestStaff.WithRole(Roles.Viewer), 50, CancellationToken.None);

        Assert.Equal((null, "Only an Admin can scan every customer."), everyone);
        Assert.Equal((null, "Only Support and Admin staff can start a drift scan."), sample);
    }
}
