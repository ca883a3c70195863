using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Admin.Auth;
using Serp.Admin.Features.Monitoring;
using Serp.Admin.Reconciliation;
using Serp.Admin.Tests.Integration;
using Serp.Admin.Tests.TestData.Stripe;

namespace Serp.Admin.Tests.Components;

/// <summary>The Admin button on the Monitoring page, over the app's real reconciliation and a fake Stripe.</summary>
public sealed class ReconciliationPanelTests : MudTestContext, IClassFixture<ReconciliationAppFixture>
{
    private const string Admin = "admin.panel@example.com";
    private readonly ReconciliationAppFixture app;

    public ReconciliationPanelTests(ReconciliationAppFixture app)
    {
        this.app = app;
        Services.AddSingleton(app.Runner);
        Services.AddSingleton(app.Factory.Services.GetRequiredService<ReconciliationRuns>());
        Services.AddSingleton(app.Factory.Services.GetRequiredService<IOptions<ReconciliationScheduleOptions>>());
        AddAuthorization().SetAuthorized("Admin Panel").SetRoles(Roles.Admin).SetClaims(new Claim("email", Admin));
    }

    public override Task InitializeAsync() => app.ResetAsync();

    [Fact]
    public async Task Reconcile_now_runs_as_the_signed_in_admin_by_email_and_shows_the_outcome()
    {
        var purchase = new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddHours(-1));
        app.Stripe.AddSession(purchase.Session("complete", "paid", "offer-serp-downloader", 9700, "usd"));
        var panel = Render<ReconciliationPanel>();

        // The runs load after the first render and re-render the panel, which renumbers its event handlers:
        // wait for that load, then find and click in one dispatcher turn.
        panel.WaitForState(() => panel.Markup.Contains("No reconciliation run yet.", StringComparison.Ordinal)
            || panel.FindAll("[data-testid=reconciliation-runs]").Count > 0, TimeSpan.FromSeconds(10));
        await panel.InvokeAsync(() => panel.Find("button").Click());

        panel.WaitForAssertion(() => Assert.Contains("Reconciled: 1 objects applied",
            panel.Find("[data-testid=reconciliation-result]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        panel.WaitForAssertion(() => Assert.Contains(Admin, panel.Find("[data-testid=reconciliation-runs]").TextContent, StringComparison.Ordinal));
        await using var db = app.Database.CreateDbContext();
        Assert.Equal("completed", (await db.AuditLog.SingleAsync(a => a.Actor == Admin)).Outcome);
    }
}
