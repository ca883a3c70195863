using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Serp.Admin.Auth;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Features.Search;
using Serp.Admin.Tests.Integration.Refunds;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Components;

/// <summary>The /refunds desk over a real database of its own (refunds made through the real service and fake Stripe).</summary>
public sealed class RefundsPageTests : MudTestContext, IClassFixture<RefundAppFixture>
{
    // Generous: a full run on two busy cores can take seconds to render what a quiet machine renders at once.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly RefundAppFixture app;

    public RefundsPageTests(RefundAppFixture app)
    {
        this.app = app;
        Services.AddSingleton(app.Refunds);
        Services.AddSingleton(app.Factory.Services.GetRequiredService<RefundDeskQueries>());
        Services.AddSingleton(app.Factory.Services.GetRequiredService<DeskSearch>());
        Services.AddSingleton(TimeProvider.System);
    }

    private void SignIn(string role) =>
        AddAuthorization().SetAuthorized("Sam").SetRoles(role).SetClaims(new Claim("email", "sam.desk@example.com"));

    [Fact]
    public async Task Open_disputes_come_nearest_deadline_first_red_under_72_hours_and_closed_ones_show_their_outcome()
    {
        var later = await DisputeAsync(DisputeStatus.NeedsResponse, dueIn: TimeSpan.FromDays(10));
        var sooner = await DisputeAsync(DisputeStatus.NeedsResponse, dueIn: TimeSpan.FromHours(30));
        var won = await DisputeAsync(DisputeStatus.Won, dueIn: TimeSpan.FromDays(-3));

        SignIn(Roles.Support);
        var page = Render<RefundsPage>();

        // Other tests of this class add disputes to the same database: read only this test's rows.
        IElement[] Mine() => [.. page.FindAll("[data-testid=open-dispute]").Where(r => r.TextContent.Contains(later, StringComparison.Ordinal)
            || r.TextContent.Contains(sooner, StringComparison.Ordinal))];
        IElement[] Closed() => [.. page.FindAll("[data-testid=closed-dispute]").Where(r => r.TextContent.Contains(won, StringComparison.Ordinal))];
        // The page may render between its queries (a parent re-render): wait for every section this test reads.
        page.WaitForAssertion(() =>
        {
            Assert.Equal(2, Mine().Length);
            Assert.Single(Closed());
        }, Wait);
        var open = Mine();
        Assert.Contains(sooner, open[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["true", "false"], open.Select(r => r.GetAttribute("data-urgent")));
        Assert.Contains("in 1 d 5 h", open[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Won", Assert.Single(Closed()).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dispute_under_review_past_its_due_date_says_evidence_submitted_not_overdue()
    {
        var answered = await DisputeAsync(DisputeStatus.UnderReview, dueIn: TimeSpan.FromDays(-2));
        var waiting = await DisputeAsync(DisputeStatus.NeedsResponse, dueIn: TimeSpan.FromDays(-2));
        SignIn(Roles.Support);
        var page = Render<RefundsPage>();

        IElement Row(string email) => page.FindAll("[data-testid=open-dispute]").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal));
        page.WaitForAssertion(() =>
        {
            Assert.Contains("evidence submitted", Row(answered).TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("overdue", Row(answered).TextContent, StringComparison.Ordinal);
            Assert.Equal("false", Row(answered).GetAttribute("data-urgent"));
            // The same date on a dispute still waiting for the store's answer is overdue and urgent.
            Assert.Contains("overdue by 2 d", Row(waiting).TextContent, StringComparison.Ordinal);
            Assert.Equal("true", Row(waiting).GetAttribute("data-urgent"));
        }, Wait);
    }

    [Fact]
    public async Task The_deadline_counts_down_while_the_desk_stays_open()
    {
        var email = await DisputeAsync(DisputeStatus.NeedsResponse, dueIn: TimeSpan.FromHours(30));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        Services.AddSingleton<TimeProvider>(clock);
        SignIn(Roles.Support);
        var page = Render<RefundsPage>();
        string Row() => page.FindAll("[data-testid=open-dispute]").Single(r => r.TextContent.Contains(email, StringComparison.Ordinal)).TextContent;
        page.WaitForAssertion(() => Assert.Contains("in 1 d 5 h", Row(), StringComparison.Ordinal), Wait);

        clock.Advance(TimeSpan.FromHours(2));

        page.WaitForAssertion(() => Assert.Contains("in 1 d 3 h", Row(), StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Recent_refunds_say_who_how_much_why_and_their_status()
    {
        var paid = await app.PaidOrderAsync(9700);
        var result = await app.Refunds.RefundAsync(RefundAppFixture.Support, paid.Request(2500, RefundReasons.Goodwill, "Late delivery"),
            CancellationToken.None);
        Assert.True(result.Succeeded, result.Message);

        SignIn(Roles.Support);
        var page = Render<RefundsPage>();

        // Other tests of this class add refunds to the same database: wait for this test's own row, not any row.
        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=recent-refund]"), r => r.TextContent.Contains(paid.Email, StringComparison.Ordinal));
            Assert.Contains("support.desk@example.com", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("$25.00", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Goodwill — Late delivery", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("Succeeded", row.TextContent, StringComparison.Ordinal);
            Assert.Equal($"/orders/{paid.Id:D}", row.QuerySelector("a")!.GetAttribute("href"));
        }, Wait);
    }

    [Fact]
    public async Task Searching_an_email_lists_its_orders_with_what_is_left_and_a_refund_button_only_where_one_can_refund()
    {
        var partly = await app.PaidOrderAsync(9700);
        var refunded = await app.Refunds.RefundAsync(RefundAppFixture.Support, partly.Request(2000), CancellationToken.None);
        Assert.True(refunded.Succeeded, refunded.Message);
        var other = await app.PaidOrderAsync(4900);
        SignIn(Roles.Support);
        var page = Render<RefundsPage>();

        await SearchAsync(page, partly.Email);

        // The row's refund button reads the signed-in user on its own, after the row shows: wait for it too.
        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=desk-result]"));
            Assert.Contains(partly.Email, row.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(other.Email, page.Find("[data-testid=desk-results]").TextContent, StringComparison.Ordinal);
            Assert.Contains("$77.00", row.TextContent, StringComparison.Ordinal);
            Assert.NotNull(row.QuerySelector("[data-testid=refund-button]"));
        }, Wait);
    }

    [Fact]
    public async Task A_Viewer_finds_the_order_but_sees_no_refund_button()
    {
        var paid = await app.PaidOrderAsync(9700);
        SignIn(Roles.Viewer);
        var page = Render<RefundsPage>();

        await SearchAsync(page, paid.Email);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=desk-result]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=refund-button]"));
        Assert.Empty(page.FindAll("[data-testid=refund-unavailable]"));
    }

    [Fact]
    public async Task A_search_that_finds_nothing_says_so()
    {
        await app.PaidOrderAsync(4900);
        SignIn(Roles.Support);
        var page = Render<RefundsPage>();

        await SearchAsync(page, "nobody.here@example.com");

        page.WaitForAssertion(() => Assert.Equal("No orders match.", page.Find("[data-testid=desk-search-empty]").TextContent), Wait);
    }

    /// <summary>A dispute on a new paid order; returns the order's customer email, which its desk row shows.</summary>
    private async Task<string> DisputeAsync(string status, TimeSpan dueIn)
    {
        var paid = await app.PaidOrderAsync(4900);
        var now = DateTimeOffset.UtcNow;
        await using var db = app.Database.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await app.Factory.Services.GetRequiredService<PurchaseLedger>().ApplyAsync(db, new DisputeFact
        {
            Source = PaymentSource.Stripe, ObservedAt = now, ProviderDisputeId = "dp_" + paid.PaymentIntent[3..], PaymentRef = paid.PaymentIntent,
            ChargeId = paid.Charge, Amount = 4900, Currency = "usd", Reason = "fraudulent", Status = status,
            EvidenceDueBy = now + dueIn, CreatedAt = now.AddDays(-1),
        }, CancellationToken.None);
        await transaction.CommitAsync();
        return paid.Email;
    }

    /// <summary>
    /// Once the desk has loaded (its load re-renders the page and renumbers its event handlers), types and presses
    /// Search as two renderer turns, each finding its element inside the renderer's dispatcher: the input re-renders
    /// the page, so a button found before it would carry a stale event handler id.
    /// </summary>
    private static async Task SearchAsync(IRenderedComponent<RefundsPage> page, string text)
    {
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=recent-refunds], [data-testid=recent-refunds-empty]")), Wait);
        await page.InvokeAsync(() => page.Find("input[data-testid=desk-search]").Input(text));
        await page.InvokeAsync(() => page.Find("[data-testid=desk-search-button]").Click());
    }
}
