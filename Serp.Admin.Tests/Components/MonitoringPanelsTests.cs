using System.Security.Claims;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Serp.Admin.Auth;
using Serp.Admin.Features.GhlSync.Status;
using Serp.Admin.Features.Monitoring;
using Serp.Admin.Features.Monitoring.Alerts;
using Serp.Admin.Features.Monitoring.Ghl;
using Serp.Admin.Features.Monitoring.Health;
using Serp.Admin.Features.Monitoring.Inbox;
using Serp.Admin.Features.Monitoring.StaleSessions;
using Serp.Admin.Integrations.PayPal;
using Serp.Admin.Tests.Integration.Monitoring;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Checkout;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;
using Serp.Domain.Monitoring;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Tests.Components;

/// <summary>
/// The panels of /monitoring over a real database and a fixed clock: what each shows, its buttons, and — with the
/// database gone — a failure said in words while the panel stays up.
/// </summary>
public sealed class MonitoringPanelsTests : MudTestContext, IClassFixture<PostgresFixture>
{
    private const string Admin = "admin.monitoring@example.com";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly PostgresFixture database;
    private readonly SwitchableDbContextFactory dbFactory;
    private readonly TestOptionsMonitor<PayPalOptions> payPal = new(new PayPalOptions());

    public MonitoringPanelsTests(PostgresFixture database)
    {
        this.database = database;
        dbFactory = new SwitchableDbContextFactory(database);
        Services.AddSingleton<IDbContextFactory<SerpDbContext>>(dbFactory);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        Services.AddSingleton<IOptionsMonitor<PayPalOptions>>(payPal);
        Services.AddSingleton<IOptionsMonitor<MonitoringOptions>>(new TestOptionsMonitor<MonitoringOptions>(new MonitoringOptions()));
        Services.AddSingleton<AlertBoard>();
        Services.AddSingleton<AlertBadgeRefresh>();
        Services.AddSingleton<InboxLogQueries>();
        Services.AddSingleton<WebhookSignal>();
        Services.AddSingleton<WebhookReplay>();
        Services.AddSingleton<SourceHealthQueries>();
        Services.AddSingleton<StaleSessionQueries>();
        Services.AddSingleton<GhlSyncQueries>();
        Services.AddSingleton<GhlActivityQueries>();
        AddAuthorization().SetAuthorized("Admin Monitoring").SetRoles(Roles.Admin).SetClaims(new Claim("email", Admin));
    }

    public override async Task InitializeAsync()
    {
        await using var db = database.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("""
            TRUNCATE alerts, webhook_refusals, webhook_events, checkout_sessions, ghl_sync, ghl_sync_attempts, audit_log CASCADE
            """);
    }

    private ISnackbar Snackbar => Services.GetRequiredService<ISnackbar>();

    private IEnumerable<string?> SnackbarMessages => Snackbar.ShownSnackbars.Select(s => s.Message);

    private async Task SeedAsync(params object[] rows)
    {
        await using var db = database.CreateDbContext();
        db.AddRange(rows);
        await db.SaveChangesAsync();
    }

    private static Alert NewAlert(string rule, string subject, DateTimeOffset openedAt, DateTimeOffset? resolvedAt = null, string? acknowledgedBy = null) => new()
    {
        Rule = rule, Subject = subject, Severity = AlertSeverity.Critical, Summary = $"{rule} {subject}: what happened and where to look.",
        OpenedAt = openedAt, ResolvedAt = resolvedAt, AcknowledgedBy = acknowledgedBy, AcknowledgedAt = acknowledgedBy is null ? null : openedAt.AddMinutes(5),
    };

    // ---- Alerts ----

    [Fact]
    public async Task The_alerts_panel_lists_open_alerts_then_those_resolved_today_and_acknowledges_one_as_the_signed_in_admin()
    {
        await SeedAsync(
            NewAlert(AlertRules.EventsStuck, "failed", Now.AddHours(-2)),
            NewAlert(AlertRules.ProviderSilent, "paypal", Now.AddHours(-3), acknowledgedBy: "someone@example.com"),
            NewAlert(AlertRules.OrderVolume, "low", Now.AddHours(-6), resolvedAt: Now.AddHours(-5)),
            NewAlert(AlertRules.RefundSpike, "offer-old", Now.AddDays(-3), resolvedAt: Now.AddDays(-2)));
        var badgeRefreshes = 0;
        Services.GetRequiredService<AlertBadgeRefresh>().Changed += () => Task.FromResult(++badgeRefreshes);

        var panel = Render<AlertsPanel>();

        panel.WaitForAssertion(() => Assert.Equal(3, panel.FindAll("[data-testid=alert-row]").Count), Wait);
        var rules = panel.FindAll("[data-testid=alert-row]").Select(r => r.GetAttribute("data-rule")).ToList();
        Assert.Equal([AlertRules.EventsStuck, AlertRules.ProviderSilent, AlertRules.OrderVolume], rules); // open first, the 2-day-old one gone
        Assert.Contains("acknowledged by someone@example.com", panel.FindAll("[data-testid=alert-row]")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Resolved", panel.FindAll("[data-testid=alert-row]")[2].TextContent, StringComparison.Ordinal);
        Assert.Single(panel.FindAll("button"), b => b.TextContent.Contains("Acknowledge", StringComparison.Ordinal));

        await panel.InvokeAsync(() => panel.Find("[data-testid=alert-row] button").Click());

        // One wait for everything read: the row, the button gone, the message and the badge (the handler's last steps).
        panel.WaitForAssertion(() =>
        {
            Assert.Contains($"acknowledged by {Admin}", panel.FindAll("[data-testid=alert-row]")[0].TextContent, StringComparison.Ordinal);
            Assert.Empty(panel.FindAll("button"));
            Assert.Contains("Alert acknowledged.", SnackbarMessages);
            Assert.Equal(1, badgeRefreshes);
        }, Wait);
        await using var db = database.CreateDbContext();
        Assert.Equal(Admin, (await db.Alerts.SingleAsync(a => a.Rule == AlertRules.EventsStuck)).AcknowledgedBy);
        Assert.Equal("alert.acknowledged", (await db.AuditLog.SingleAsync(a => a.Actor == Admin)).Action);
    }

    [Fact]
    public async Task Acknowledging_while_the_database_is_down_says_so_and_the_alert_stays_open()
    {
        await SeedAsync(NewAlert(AlertRules.GhlBacklog, "backlog", Now.AddMinutes(-30)));
        var panel = Render<AlertsPanel>();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=alert-row] button")), Wait);

        dbFactory.Down = true;
        await panel.InvokeAsync(() => panel.Find("[data-testid=alert-row] button").Click());

        // The message is added before the handler's last render re-enables the button: wait for both.
        panel.WaitForAssertion(() =>
        {
            Assert.Contains("The alert could not be acknowledged: the database did not answer. Try again.", SnackbarMessages);
            Assert.Null(Assert.Single(panel.FindAll("[data-testid=alert-row] button")).GetAttribute("disabled")); // still there, enabled again
        }, Wait);
        dbFactory.Down = false;
        await using var db = database.CreateDbContext();
        Assert.Null((await db.Alerts.SingleAsync()).AcknowledgedAt);
    }

    // ---- Inbox log ----

    private static WebhookEvent Event(int i, string provider, string status, string type = "checkout.session.completed")
    {
        var e = AlertSeed.Event(provider, Now.AddMinutes(-100 + i), status);
        e.EventId = $"evt_panel_{i:D3}";
        e.EventType = type;
        e.Payload = JsonDocument.Parse($$"""{"id":"evt_panel_{{i:D3}}","object":"event"}""");
        if (status == WebhookEventStatus.Failed)
        {
            e.Attempts = 8;
            e.LastError = "StripePayloadException: The Stripe object has no charge id.";
        }
        return e;
    }

    private async Task SeedInboxAsync(int count)
    {
        await using var db = database.CreateDbContext();
        for (var i = 0; i < count; i++)
        {
            db.WebhookEvents.Add(Event(i, i % 3 == 0 ? "paypal" : "stripe", i % 5 == 0 ? WebhookEventStatus.Failed : WebhookEventStatus.Processed));
        }
        await db.SaveChangesAsync();
    }

    private static List<string> EventIds(IRenderedComponent<InboxLog> log) =>
        [.. log.FindAll("[data-testid=inbox-row]").Select(r => r.GetAttribute("data-event-id")!)];

    private string? Query(string name) =>
        QueryHelpers.ParseQuery(new Uri(Services.GetRequiredService<NavigationManager>().Uri).Query).TryGetValue(name, out var value) ? value.ToString() : null;

    [Fact]
    public async Task The_inbox_log_shows_only_what_its_filters_match()
    {
        await SeedInboxAsync(30);

        var log = Render<InboxLog>(p => p.Add(x => x.Provider, "paypal").Add(x => x.Status, WebhookEventStatus.Failed));

        // PayPal is every third event, failed every fifth: 0, 15.
        log.WaitForAssertion(() => Assert.Equal(["evt_panel_015", "evt_panel_000"], EventIds(log)), Wait);
        Assert.All(log.FindAll("[data-testid=inbox-row]"), r => Assert.Contains("PayPal", r.TextContent, StringComparison.Ordinal));
        Assert.All(log.FindAll("[data-testid=last-error]"), e => Assert.Equal("StripePayloadException: The Stripe object has no charge id.", e.GetAttribute("title")));
    }

    [Fact]
    public async Task A_damaged_filter_in_the_link_says_which_value_is_wrong_and_lists_nothing()
    {
        await SeedInboxAsync(5);

        var log = Render<InboxLog>(p => p.Add(x => x.Provider, "visa"));

        log.WaitForAssertion(() => Assert.Contains("Unknown provider \"visa\": use stripe or paypal.", log.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(log.FindAll("[data-testid=inbox-row]"));
        log.Render(p => p.Add(x => x.Provider, null).Add(x => x.From, "2026-13-01"));
        log.WaitForAssertion(() => Assert.Contains("\"2026-13-01\" is not a date (yyyy-MM-dd).", log.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Older_and_newer_walk_the_log_in_pages_of_25_through_the_link()
    {
        await SeedInboxAsync(30);
        var log = Render<InboxLog>();
        log.WaitForAssertion(() => Assert.Equal(25, EventIds(log).Count), Wait);
        Assert.Equal("evt_panel_029", EventIds(log)[0]);
        Assert.Equal("evt_panel_005", EventIds(log)[^1]);

        await log.InvokeAsync(() => log.FindAll("button").Single(b => b.TextContent.Trim() == "Older").Click());

        var older = Query("older");
        Assert.NotNull(older);
        log.Render(p => p.Add(x => x.Older, long.Parse(older, System.Globalization.CultureInfo.InvariantCulture)));
        log.WaitForAssertion(() => Assert.Equal(["evt_panel_004", "evt_panel_003", "evt_panel_002", "evt_panel_001", "evt_panel_000"], EventIds(log)), Wait);
        Assert.NotNull(log.FindAll("button").Single(b => b.TextContent.Trim() == "Older").GetAttribute("disabled"));

        await log.InvokeAsync(() => log.FindAll("button").Single(b => b.TextContent.Trim() == "Newer").Click());

        Assert.Null(Query("older"));
        Assert.NotNull(Query("newer"));
    }

    [Fact]
    public async Task Replay_from_the_log_asks_first_then_queues_the_event_and_says_so()
    {
        await SeedInboxAsync(1);
        var dialogs = Render<MudDialogProvider>();
        var log = Render<InboxLog>();
        log.WaitForAssertion(() => Assert.Single(EventIds(log)), Wait);

        await log.InvokeAsync(() => log.FindAll("button").Single(b => b.TextContent.Trim() == "Replay").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("goes back into the queue", dialogs.Markup, StringComparison.Ordinal), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Replay").Click());

        log.WaitForAssertion(() => Assert.Contains("evt_panel_000 queued for processing.", SnackbarMessages), Wait);
        log.WaitForAssertion(() => Assert.Contains("waiting", log.Find("[data-testid=inbox-row]").TextContent, StringComparison.Ordinal), Wait);
        await using var db = database.CreateDbContext();
        Assert.Equal(WebhookEventStatus.Received, (await db.WebhookEvents.SingleAsync()).Status);
    }

    [Fact]
    public async Task Replay_and_replay_all_with_the_database_down_say_so_and_the_log_stays_up()
    {
        await SeedInboxAsync(1);
        var dialogs = Render<MudDialogProvider>();
        var log = Render<InboxLog>();
        log.WaitForAssertion(() => Assert.Single(EventIds(log)), Wait);
        dbFactory.Down = true;

        await log.InvokeAsync(() => log.FindAll("button").Single(b => b.TextContent.Trim() == "Replay").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("goes back into the queue", dialogs.Markup, StringComparison.Ordinal), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Replay").Click());
        log.WaitForAssertion(() => Assert.Contains("evt_panel_000 could not be replayed: the database did not answer. Try again.", SnackbarMessages), Wait);

        await log.InvokeAsync(() => log.FindAll("button").Single(b => b.TextContent.Trim() == "Replay all failed").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Every event that failed for good", dialogs.Markup, StringComparison.Ordinal), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Replay all").Click());
        log.WaitForAssertion(() => Assert.Contains("The failed events could not be replayed: the database did not answer. Nothing was queued; try again.", SnackbarMessages), Wait);

        await log.InvokeAsync(() => log.FindAll("button").Single(b => b.TextContent.Trim() == "Payload").Click());
        log.WaitForAssertion(() => Assert.Contains("The payload could not be loaded: the database did not answer.", log.Find("[data-testid=payload]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Single(EventIds(log));
        dbFactory.Down = false;
    }

    // ---- Health, stale sessions, GHL ----

    [Fact]
    public async Task Health_shows_each_providers_last_event_events_and_verification_failures_and_that_paypal_is_not_configured()
    {
        await SeedAsync(
            Event(1, "stripe", WebhookEventStatus.Processed), Event(2, "stripe", WebhookEventStatus.Processed), Event(3, "stripe", WebhookEventStatus.Failed),
            new WebhookRefusal { Provider = "stripe", Reason = "bad_signature", Minute = Now.AddHours(-2), Count = 4 },
            new WebhookRefusal { Provider = "stripe", Reason = "too_large", Minute = Now.AddHours(-2), Count = 9 });

        var panel = Render<SourceHealthPanel>();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=health-stripe]")), Wait);
        var stripe = panel.Find("[data-testid=health-stripe]").TextContent;
        Assert.Contains("Events per hour, last 24 hours (3)", stripe, StringComparison.Ordinal);
        Assert.Contains("Verification failures per hour (4)", stripe, StringComparison.Ordinal); // too large is no verification failure
        Assert.Contains("(1.6 h ago)", stripe, StringComparison.Ordinal);
        var paypal = System.Text.RegularExpressions.Regex.Replace(panel.Find("[data-testid=health-paypal]").TextContent, @"\s+", " ");
        Assert.Contains("PayPal is not configured", paypal, StringComparison.Ordinal);
        Assert.Contains("Last event: never", paypal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_sessions_lists_todays_abandoned_checkouts_and_counts_those_waiting_for_the_sweep()
    {
        CheckoutSession Session(string status, DateTimeOffset created, DateTimeOffset updated, string email) => new()
        {
            Id = Guid.NewGuid(), Status = status, Source = "stripe", OfferId = "offer-templates", CustomerEmail = email, CreatedAt = created, UpdatedAt = updated,
        };
        await SeedAsync(
            Session(CheckoutStatus.Abandoned, Now.AddHours(-3), Now.AddHours(-2), "ada.abandoned@example.com"),
            Session(CheckoutStatus.Abandoned, Now.AddDays(-3), Now.AddDays(-2), "old.abandoned@example.com"),
            Session(CheckoutStatus.Pending, Now.AddMinutes(-90), Now.AddMinutes(-90), "overdue@example.com"),
            Session(CheckoutStatus.Pending, Now.AddMinutes(-10), Now.AddMinutes(-10), "fresh@example.com"));

        var panel = Render<StaleSessionsPanel>();

        panel.WaitForAssertion(() => Assert.Contains("1 waiting for the next sweep.", panel.Markup, StringComparison.Ordinal), Wait);
        var row = Assert.Single(panel.FindAll("tbody tr"));
        Assert.Equal("/customers/ada.abandoned%40example.com", row.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("still pending 60 minutes after it started", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ghl_summary_counts_backlog_retries_failures_and_429s_of_the_last_hour_and_links_to_ghl()
    {
        GhlSyncState Row(string email, string status, DateTimeOffset? next) => new() { Email = email, Status = status, NextAttemptAt = next, UpdatedAt = Now };
        GhlSyncAttempt Attempt(string email, DateTimeOffset at, params int[] statuses) => new()
        {
            Email = email, StartedAt = at, FinishedAt = at, Outcome = GhlSyncOutcome.Retrying, Instance = "test",
            Calls = JsonDocument.Parse(JsonSerializer.Serialize(statuses.Select(s => new { method = "POST", path = "/contacts/upsert", status = s }))),
            RequestCount = statuses.Length,
        };
        await SeedAsync(
            Row("due1@example.com", GhlSyncStatus.Pending, null), Row("due2@example.com", GhlSyncStatus.Pending, Now.AddMinutes(-1)),
            Row("later@example.com", GhlSyncStatus.Pending, Now.AddMinutes(10)), Row("broken@example.com", GhlSyncStatus.Failed, null),
            Attempt("later@example.com", Now.AddMinutes(-20), 429, 429, 200), Attempt("later@example.com", Now.AddHours(-3), 429));

        var panel = Render<GhlSyncPanel>();

        // Every figure read inside the wait: a render between the panel's queries must not be read as the result.
        panel.WaitForAssertion(() =>
        {
            var cells = panel.FindAll("tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent.Trim());
            Assert.Equal("2", cells["Backlog (due now)"]);
            Assert.Equal("1", cells["Waiting to retry"]);
            Assert.Equal("1", cells["Failing customers"]);
            Assert.Equal("2", cells["Calls answered 429, last hour"]);
        }, Wait);
        Assert.Equal("/ghl", panel.Find("a").GetAttribute("href"));
    }

    public static TheoryData<string> Panels => new() { nameof(AlertsPanel), nameof(InboxLog), nameof(SourceHealthPanel), nameof(StaleSessionsPanel), nameof(GhlSyncPanel) };

    [Theory]
    [MemberData(nameof(Panels))]
    public void Every_panel_says_in_words_when_the_database_does_not_answer(string name)
    {
        dbFactory.Down = true;

        switch (name)
        {
            case nameof(AlertsPanel): SaysTheDatabaseDidNotAnswer<AlertsPanel>(); break;
            case nameof(InboxLog): SaysTheDatabaseDidNotAnswer<InboxLog>(); break;
            case nameof(SourceHealthPanel): SaysTheDatabaseDidNotAnswer<SourceHealthPanel>(); break;
            case nameof(StaleSessionsPanel): SaysTheDatabaseDidNotAnswer<StaleSessionsPanel>(); break;
            default: SaysTheDatabaseDidNotAnswer<GhlSyncPanel>(); break;
        }
    }

    private void SaysTheDatabaseDidNotAnswer<T>()
        where T : IComponent
    {
        var panel = Render<T>();
        panel.WaitForAssertion(() => Assert.Contains("could not be loaded: the database did not answer.", panel.Markup, StringComparison.Ordinal), Wait);
    }

    /// <summary>The test database, or, while <see cref="Down"/>, one that refuses connections (nothing listens on port 1).</summary>
    private sealed class SwitchableDbContextFactory(PostgresFixture database) : IDbContextFactory<SerpDbContext>
    {
        public bool Down { get; set; }

        public SerpDbContext CreateDbContext() => Down
            ? new SerpDbContext(new DbContextOptionsBuilder<SerpDbContext>()
                .UseNpgsql("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2").UseSnakeCaseNamingConvention().Options)
            : database.CreateDbContext();
    }
}
