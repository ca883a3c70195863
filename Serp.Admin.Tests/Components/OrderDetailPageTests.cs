using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Auth;
using Serp.Admin.Features.Orders.Detail;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;
using Serp.Domain.Purchases;

namespace Serp.Admin.Tests.Components;

public sealed class OrderDetailPageTests : MudTestContext, IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly PostgresFixture database;

    public OrderDetailPageTests(PostgresFixture database)
    {
        this.database = database;
        Services.AddSingleton<IDbContextFactory<SerpDbContext>>(new TestDbContextFactory(database));
        Services.AddSingleton<OrderDetailQueries>();
        Services.AddSingleton<OrderNotes>();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(TestCatalog.Create());
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        // The refund button's service, with no provider behind it: these tests only see whether the button shows.
        Services.AddOptions();
        Services.AddHttpClient();
        Services.AddSingleton<PurchaseLedger>();
        Services.AddSingleton<OrderRefunds>();
        Services.AddGhlPageForTests();
    }

    private IRenderedComponent<OrderDetailPage> Open(Guid id, string role)
    {
        AddAuthorization().SetAuthorized($"{role.ToLowerInvariant()}@serp.local").SetRoles(role);
        var page = Render<OrderDetailPage>(p => p.Add(x => x.Id, id.ToString()));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=timeline-step]")), TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public async Task The_timeline_shows_the_newest_step_first()
    {
        var order = await SupportCase.ArrangeAsync(database, "page.alice@example.com", "usd", T0);

        var page = Open(order.Id, Roles.Viewer);

        var kinds = page.FindAll("[data-testid=timeline-step]").Select(s => s.GetAttribute("data-kind")).ToList();
        Assert.Equal(9, kinds.Count);
        Assert.Equal(nameof(TimelineKind.Note), kinds[0]);
        Assert.Equal(nameof(TimelineKind.SessionCreated), kinds[^1]);
        Assert.Contains("$49.00", page.Find("[data-testid=order-header]").TextContent, StringComparison.Ordinal);
        Assert.Contains("$10.00 refunded", page.Find("[data-testid=order-refunded]").TextContent, StringComparison.Ordinal);
        Assert.Contains("/customers/page.alice%40example.com", page.Find("[data-testid=order-customer] a").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Viewer, 0)]
    [InlineData(Roles.Support, 1)]
    [InlineData(Roles.Admin, 1)]
    public async Task Only_support_and_admin_see_the_note_box_and_the_refund_button(string role, int boxes)
    {
        var order = await SupportCase.ArrangeAsync(database, $"page.bob.{role}@example.com", "usd", T0);

        var page = Open(order.Id, role);

        Assert.Equal(boxes, page.FindAll("[data-testid=note-box]").Count);
        // The refund button reads the order's refundable state on its own, after the page has rendered.
        page.WaitForAssertion(() => Assert.Equal(boxes, page.FindAll("[data-testid=refund-button]").Count), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_event_expands_to_its_pretty_printed_json()
    {
        var order = await SupportCase.ArrangeAsync(database, "page.carol@example.com", "usd", T0);
        var page = Open(order.Id, Roles.Viewer);
        Assert.Empty(page.FindAll("[data-testid=event-json]"));

        await page.InvokeAsync(() => page.Find($"[data-kind={nameof(TimelineKind.Refund)}] [data-testid=timeline-event] button").Click());

        page.WaitForAssertion(() => Assert.Contains("\"type\": \"charge.refunded\"",
            Assert.Single(page.FindAll("[data-testid=event-json]")).TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_note_saved_by_support_appears_on_the_timeline_at_once()
    {
        var order = await SupportCase.ArrangeAsync(database, "page.dave@example.com", "usd", T0);
        var page = Open(order.Id, Roles.Support);

        await page.InvokeAsync(() => page.Find("[data-testid=note-box] textarea").Input("Promised a callback."));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Save note", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() =>
        {
            var first = page.FindAll("[data-testid=timeline-step]")[0];
            Assert.Equal(nameof(TimelineKind.Note), first.GetAttribute("data-kind"));
            Assert.Contains("Promised a callback.", first.TextContent, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_empty_note_shows_why_it_was_not_saved()
    {
        var order = await SupportCase.ArrangeAsync(database, "page.erin@example.com", "usd", T0);
        var page = Open(order.Id, Roles.Support);

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Save note", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() => Assert.Contains("Write the note before saving it.", page.Find("[data-testid=note-box]").TextContent, StringComparison.Ordinal));
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.OrderNotes.CountAsync(n => n.OrderId == order.Id));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0b7a3c1e-0000-4000-8000-000000000000")]
    public void An_unknown_or_invalid_id_says_there_is_no_such_order(string id)
    {
        AddAuthorization().SetAuthorized("viewer@serp.local").SetRoles(Roles.Viewer);

        var page = Render<OrderDetailPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Contains("No order with this id.", page.Find("[data-testid=order-not-found]").TextContent, StringComparison.Ordinal));
    }
}
