using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Components.Layout;
using Serp.Admin.Features.Search;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.Components;

public sealed class GlobalSearchTests : MudTestContext, IClassFixture<SearchRows>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly SearchRows rows;

    public GlobalSearchTests(SearchRows rows)
    {
        this.rows = rows;
        Services.AddSingleton<IDbContextFactory<SerpDbContext>>(new TestDbContextFactory(rows.Database));
        Services.AddSingleton<DeskSearch>();
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
    }

    [Fact]
    public async Task Typing_lists_matches_grouped_by_kind()
    {
        var search = RenderSearch();

        await TypeAsync(search, "olivia");

        search.WaitForAssertion(() => Assert.Equal(5, Options(search).Count), Wait);
        Assert.Equal(["Customers", "Orders"], search.FindAll("[role=listbox] [role=group]").Select(g => Label(search, g)));
        Assert.Equal(2, search.FindAll("[role=group]")[0].QuerySelectorAll("[role=option]").Length);
        Assert.Equal(SearchLinks.Customer("olivia.smith@example.com"), Options(search)[0].GetAttribute("href"));
        Assert.Equal(SearchLinks.Order(rows.Orders["olivia-again"]), Options(search)[2].GetAttribute("href"));
        Assert.Equal("true", Input(search).GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task Arrow_keys_move_the_selection_and_wrap()
    {
        var search = RenderSearch();
        await TypeAsync(search, "olivia");
        search.WaitForAssertion(() => Assert.Equal(5, Options(search).Count), Wait);
        Assert.Equal(0, Selected(search));

        await KeyAsync(search, "ArrowDown");
        await KeyAsync(search, "ArrowDown");
        search.WaitForAssertion(() => Assert.Equal(2, Selected(search)), Wait);
        Assert.Equal(Options(search)[2].Id, Input(search).GetAttribute("aria-activedescendant"));

        await KeyAsync(search, "ArrowUp");
        await KeyAsync(search, "ArrowUp");
        await KeyAsync(search, "ArrowUp");
        search.WaitForAssertion(() => Assert.Equal(4, Selected(search)), Wait);
    }

    [Fact]
    public async Task Enter_opens_the_selected_match()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var search = RenderSearch();
        await TypeAsync(search, "olivia");
        search.WaitForAssertion(() => Assert.Equal(5, Options(search).Count), Wait);

        await KeyAsync(search, "ArrowDown");
        await KeyAsync(search, "ArrowDown");
        search.WaitForAssertion(() => Assert.Equal(2, Selected(search)), Wait);
        await KeyAsync(search, "Enter");

        search.WaitForAssertion(
            () => Assert.EndsWith(SearchLinks.Order(rows.Orders["olivia-again"]), navigation.Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task An_exact_id_goes_straight_to_its_order()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var search = RenderSearch();

        await TypeAsync(search, "pi_3noah");

        search.WaitForAssertion(
            () => Assert.EndsWith(SearchLinks.Order(rows.Orders["noah"]), navigation.Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task No_matches_are_named_and_short_input_says_what_it_searched()
    {
        var search = RenderSearch();

        await TypeAsync(search, "zzyzx");
        search.WaitForAssertion(() => Assert.Contains("No matches for “zzyzx”.", Status(search), StringComparison.Ordinal), Wait);
        Assert.Empty(Options(search));

        await TypeAsync(search, "ol");
        search.WaitForAssertion(() => Assert.Equal(5, Options(search).Count), Wait);
        Assert.Contains("need at least 3 characters", Status(search), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escape_closes_the_results()
    {
        var search = RenderSearch();
        await TypeAsync(search, "olivia");
        search.WaitForAssertion(() => Assert.Equal(5, Options(search).Count), Wait);

        await KeyAsync(search, "Escape");

        search.WaitForAssertion(() => Assert.Empty(search.FindAll("[data-testid=search-panel]")), Wait);
        Assert.Equal("false", Input(search).GetAttribute("aria-expanded"));
    }

    private IRenderedComponent<GlobalSearch> RenderSearch() =>
        Render<GlobalSearch>(p => p.Add(s => s.DebounceMilliseconds, 0));

    private static IElement Input(IRenderedComponent<GlobalSearch> search) => search.Find("#" + GlobalSearch.InputId);

    // Find the box and fire its event in one turn of the renderer's dispatcher: from outside, a busy dispatcher (a search
    // still rendering its results) queues the event, and the box found before it may carry a stale event handler id.
    private static Task TypeAsync(IRenderedComponent<GlobalSearch> search, string text) =>
        search.InvokeAsync(() => Input(search).Input(text));

    private static Task KeyAsync(IRenderedComponent<GlobalSearch> search, string key) =>
        search.InvokeAsync(() => Input(search).KeyDown(new KeyboardEventArgs { Key = key }));

    private static IReadOnlyList<IElement> Options(IRenderedComponent<GlobalSearch> search) => search.FindAll("[role=option]");

    private static int Selected(IRenderedComponent<GlobalSearch> search) =>
        Options(search).Select((o, i) => (o, i)).Single(x => x.o.GetAttribute("aria-selected") == "true").i;

    private static string Status(IRenderedComponent<GlobalSearch> search) => search.Find("[role=status]").TextContent;

    private static string Label(IRenderedComponent<GlobalSearch> search, IElement group) =>
        search.Find("#" + group.GetAttribute("aria-labelledby")).TextContent;
}
