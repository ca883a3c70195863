using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Auth;
using Serp.Admin.Features.GhlSync.Status;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Components;

/// <summary>The /ghl page's states over a real database: not configured, empty, the failing list.</summary>
public sealed class GhlSyncPageTests : MudTestContext, IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly PostgresFixture database;
    private readonly GhlOptions options = new();
    private readonly StubGhlApi ghl;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public GhlSyncPageTests(PostgresFixture database)
    {
        this.database = database;
        Services.AddSingleton<IDbContextFactory<SerpDbContext>>(new TestDbContextFactory(database));
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddSingleton(TestCatalog.Create());
        ghl = Services.AddGhlPageForTests(options);
        AddAuthorization().SetAuthorized("support@serp.local").SetRoles(Roles.Support);
    }

    private async Task ClearAsync()
    {
        await using var db = database.CreateDbContext();
        await db.GhlSync.ExecuteDeleteAsync();
    }

    private async Task ArrangeAsync(params GhlSyncState[] rows)
    {
        await using var db = database.CreateDbContext();
        db.GhlSync.AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static GhlSyncState Row(string email, string status, int attempts = 0, int? http = null, string? error = null, int minutesAgo = 0) => new()
    {
        Email = email, Status = status, Attempts = attempts, LastHttpStatus = http, LastError = error, DesiredVersion = 1,
        UpdatedAt = Now.AddMinutes(-minutesAgo), NextAttemptAt = status == GhlSyncStatus.Pending ? Now.AddMinutes(attempts > 0 ? 30 : -1) : null,
    };

    [Fact]
    public async Task Without_token_and_location_the_page_says_the_sync_is_idle_and_names_the_keys()
    {
        await ClearAsync();
        await ArrangeAsync(Row("queued@example.com", GhlSyncStatus.Pending));

        var page = Render<GhlSyncPage>();

        var notice = page.Find("[data-testid=ghl-not-configured]").TextContent;
        Assert.Contains("not configured, so it is idle", notice, StringComparison.Ordinal);
        Assert.Contains("Ghl:Token", notice, StringComparison.Ordinal);
        Assert.Contains("Ghl:LocationId", notice, StringComparison.Ordinal);
        // The outbox still shows.
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=ghl-tile-backlog] .serp-tile-value").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task A_configured_sync_with_nothing_failing_says_so()
    {
        (options.Token, options.LocationId, ghl.IsConfigured) = ("pit-test", "loc-1", true);
        await ClearAsync();
        await ArrangeAsync(Row("fine@example.com", GhlSyncStatus.Succeeded));

        var page = Render<GhlSyncPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=ghl-failing-empty]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=ghl-not-configured]"));
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=ghl-tile-succeeded] .serp-tile-value").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task The_failing_list_shows_failed_and_retrying_customers_with_the_error_in_plain_words_and_pages_on()
    {
        await ClearAsync();
        var failed = Enumerable.Range(0, GhlFailingList.PageSize + 2)
            .Select(i => Row($"failed{i:00}@example.com", GhlSyncStatus.Failed, 9, 401, "Unauthorized", minutesAgo: i));
        await ArrangeAsync([.. failed,
            Row("retrying@example.com", GhlSyncStatus.Pending, 2, 503, "Service unavailable", minutesAgo: 100),
            Row("fine@example.com", GhlSyncStatus.Succeeded),
            Row("new@example.com", GhlSyncStatus.Pending)]);

        var page = Render<GhlSyncPage>();

        page.WaitForAssertion(() => Assert.Equal(GhlFailingList.PageSize, page.FindAll("[data-testid=ghl-failing] tbody tr").Count), Wait);
        var first = page.FindAll("[data-testid=ghl-failing] tbody tr")[0].TextContent;
        Assert.Contains("failed00@example.com", first, StringComparison.Ordinal);
        Assert.Contains("GHL refused the token: check Ghl:Token", first, StringComparison.Ordinal);
        Assert.Contains("401", first, StringComparison.Ordinal);

        // Find and click in one renderer turn: the page's other panels re-render while they load.
        await page.InvokeAsync(() => page.FindAll("[data-testid=ghl-failing-pager] button").Single(b => b.TextContent == "Older").Click());

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=ghl-failing] tbody tr").Count), Wait);
        var rest = page.Find("[data-testid=ghl-failing]").TextContent;
        Assert.Contains("retrying@example.com", rest, StringComparison.Ordinal);
        Assert.Contains("server error; the sync retries", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("fine@example.com", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("new@example.com", rest, StringComparison.Ordinal);
    }
}
