using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using Serp.Admin.Features.Search;

namespace Serp.Admin.Components.Layout;

/// <summary>
/// Searches as the operator types (debounced; a newer keystroke cancels the query in flight), jumps straight to an
/// order when the input is an exact id, and otherwise lists matches grouped by kind for the arrow keys and Enter.
/// The typed text is never logged: it is often a customer's email.
/// </summary>
public sealed partial class GlobalSearch : IAsyncDisposable
{
    public const string InputId = "serp-global-search";
    private const string ListboxId = "serp-global-search-results";

    private string text = "";
    private bool open;
    private SearchState state;
    private SearchQuery searched = SearchQuery.Empty;
    private IReadOnlyList<SearchHit> options = [];
    private int active = -1;
    private CancellationTokenSource? pending;
    private IJSObjectReference? module;
    private MudTextField<string>? input;

    [Inject] private DeskSearch Search { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<GlobalSearch> Logger { get; set; } = default!;

    /// <summary>How long typing must pause before a query runs (tests set 0).</summary>
    [Parameter] public int DebounceMilliseconds { get; set; } = 250;

    [Parameter] public int LimitPerGroup { get; set; } = 5;

    private Dictionary<string, object> InputAttributes => new()
    {
        ["role"] = "combobox",
        ["aria-label"] = "Search orders and customers",
        ["aria-autocomplete"] = "list",
        ["aria-expanded"] = open && options.Count > 0 ? "true" : "false",
        ["aria-controls"] = ListboxId,
        ["aria-activedescendant"] = active >= 0 ? OptionId(active) : "",
        ["autocomplete"] = "off",
        ["spellcheck"] = "false",
    };

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        try
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/search-shortcuts.js");
            if (module is not null) await module.InvokeVoidAsync("install", InputId);
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away during the first render: there is no keyboard left to listen to.
        }
    }

    private Task OnTextChangedAsync(string? value)
    {
        text = value ?? "";
        // MudBlazor reports the value again on Enter and blur: the same query needs no second run.
        var query = SearchQuery.Classify(text);
        if (query == searched && state is (SearchState.Searching or SearchState.Done)) return Task.CompletedTask;
        return RunAsync(DebounceMilliseconds);
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        switch (e.Key)
        {
            case "ArrowDown" when options.Count > 0:
                active = open ? (active + 1) % options.Count : Math.Max(active, 0);
                open = true;
                break;
            case "ArrowUp" when options.Count > 0:
                active = open ? (active <= 0 ? options.Count - 1 : active - 1) : Math.Max(active, 0);
                open = true;
                break;
            case "Enter" when open && state == SearchState.Done && active >= 0 && active < options.Count:
                Navigation.NavigateTo(options[active].Url);
                break;
            case "Enter":
                // Enter before the pause: search now (an exact id then jumps to its order).
                await RunAsync(0);
                break;
            case "Escape":
                Close();
                break;
        }
    }

    private async Task RunAsync(int debounceMilliseconds)
    {
        CancelPending();
        var query = SearchQuery.Classify(text);
        if (query.Kind == SearchKind.Empty)
        {
            Close();
            options = [];
            return;
        }
        var cancellation = pending = new CancellationTokenSource();
        open = true;
        state = SearchState.Searching;
        searched = query;
        try
        {
            if (debounceMilliseconds > 0) await Task.Delay(debounceMilliseconds, cancellation.Token);
            StateHasChanged();
            var result = await Search.SearchAsync(query, LimitPerGroup, cancellation.Token);
            // Finished just before a newer keystroke cancelled it: the newer run owns the panel.
            if (cancellation.IsCancellationRequested) return;
            if (result.ExactOrderId is { } orderId)
            {
                Navigation.NavigateTo(SearchLinks.Order(orderId));
                return;
            }
            options = SearchHit.From(result);
            active = options.Count > 0 ? 0 : -1;
            state = SearchState.Done;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer keystroke took over; its own run shows its results.
        }
#pragma warning disable CA1031 // Any failure of the search becomes words in the panel; the page stays usable.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Global search of kind {Kind} failed", query.Kind);
            options = [];
            state = SearchState.Failed;
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        CancelPending();
        text = "";
        options = [];
        // Forget the last query too: typing the same id again on the new page must search again.
        searched = SearchQuery.Empty;
        state = SearchState.Idle;
        Close();
        // A focused MudTextField keeps showing its text when only the Value parameter changes (so the caret never
        // jumps while typing): after Enter opened an order, the id stayed in the box. Clear the field itself.
        if (input is not null) await input.ClearAsync();
        StateHasChanged();
    });

    private void Close()
    {
        open = false;
    }

    private void CancelPending()
    {
        pending?.Cancel();
        pending?.Dispose();
        pending = null;
    }

    private static string OptionId(int index) => $"serp-search-option-{index}";

    private static string GroupId(string group) => "serp-search-group-" + group.ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        CancelPending();
        if (module is null) return;
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // Expected when the circuit is already gone.
        }
    }

    private enum SearchState
    {
        Idle,
        Searching,
        Done,
        Failed,
    }
}
