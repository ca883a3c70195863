using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Auth;
using Serp.Admin.Features.GhlSync.Drift;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.TestData;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.GhlPage;

/// <summary>A drift scan end to end over a stub GHL: who may start one, what it checks, what it stores.</summary>
public sealed class GhlDriftScanTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private readonly StubGhlApi ghl = new()
    {
        Mapping = new(GhlFieldKeys.All.ToDictionary(k => k, k => "id-" + k), null, new Dictionary<string, string>(), []),
    };

    private GhlDriftCheck Check => new(ghl, ghl, TestCatalog.Create(), new TestDbContextFactory(database));

    private async Task<string> SyncedCustomerAsync(string name, string status = GhlSyncStatus.Succeeded)
    {
        var email = $"{name}.{Guid.NewGuid():N}@example.com";
        await SupportCase.ArrangeAsync(database, email, "usd", DateTimeOffset.UtcNow.AddDays(-3));
        await using var db = database.CreateDbContext();
        db.GhlSync.Add(new GhlSyncState { Email = email, Status = status, UpdatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>The contact exactly as the desired state says, through the stub's field ids.</summary>
    private async Task<GhlContact> MatchingContactAsync(string email)
    {
        await using var db = database.CreateDbContext();
        var desired = GhlDesiredState.Build((await GhlCustomerFactsLoader.LoadAsync(db, email, CancellationToken.None))!, TestCatalog.Create());
        return new GhlContact("c-" + email, email, desired.FirstName, desired.LastName, desired.Tags,
            [.. desired.Fields.Select(f => new GhlCustomFieldValue(ghl.Mapping.FieldIds[f.Key], f.Value))]);
    }

    [Fact]
    public async Task A_sample_scan_checks_synced_customers_and_stores_only_the_drifted_ones()
    {
        await using (var db = database.CreateDbContext()) await db.GhlSync.ExecuteDeleteAsync();
        var same = await SyncedCustomerAsync("same");
        var untagged = await SyncedCustomerAsync("untagged");
        var missing = await SyncedCustomerAsync("missing");
        await SyncedCustomerAsync("failed", GhlSyncStatus.Failed);
        ghl.Contacts.Add(await MatchingContactAsync(same));
        var withoutTag = await MatchingContactAsync(untagged);
        ghl.Contacts.Add(withoutTag with { Tags = [.. withoutTag.Tags.Where(t => t != "customer")] });
        var scans = new GhlDriftScans(new TestDbContextFactory(database), TimeProvider.System);
        var worker = new GhlDriftScanWorker(new TestDbContextFactory(database), Check, ghl, TimeProvider.System, NullLogger<GhlDriftScanWorker>.Instance);

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
