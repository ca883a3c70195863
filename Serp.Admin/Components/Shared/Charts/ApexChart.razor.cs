using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Serp.Admin.Components.Shared.Charts;

/// <summary>
/// A chart drawn by ApexCharts in the browser: created after the first render, updated when <see cref="Spec"/> or the
/// theme changes, destroyed with the component. Prerendering draws the empty frame only (no JS yet).
/// </summary>
public sealed partial class ApexChart : IAsyncDisposable
{
    private ElementReference host;
    private IJSObjectReference? module;
    private ChartSpec? drawn;
    private bool drawnDark;
    private bool disposed;

    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<ApexChart> Logger { get; set; } = default!;

    [Parameter, EditorRequired] public ChartSpec Spec { get; set; } = default!;
    /// <summary>A stable name for tests and screenshots (<c>data-chart</c>).</summary>
    [Parameter, EditorRequired] public string Name { get; set; } = "";
    /// <summary>What the chart shows, for screen readers.</summary>
    [Parameter, EditorRequired] public string Label { get; set; } = "";
    /// <summary>The layout's dark mode: the chart's text and grid follow it.</summary>
    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (disposed || (ReferenceEquals(drawn, Spec) && drawnDark == DarkMode)) return;
        try
        {
            module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/charts.js");
            if (drawn is null) await module.InvokeVoidAsync("create", host, Spec, DarkMode);
            else if (ReferenceEquals(drawn, Spec)) await module.InvokeVoidAsync("theme", host, DarkMode);
            else await module.InvokeVoidAsync("update", host, Spec, DarkMode);
            drawn = Spec;
            drawnDark = DarkMode;
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away: nothing left to draw on.
        }
        catch (JSException ex)
        {
            // A chart that cannot draw leaves its frame empty; the figures beside it still show.
            Logger.LogWarning(ex, "Chart {Chart} could not be drawn", Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        if (module is null) return;
        try
        {
            if (drawn is not null) await module.InvokeVoidAsync("destroy", host);
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // Expected when the circuit is already gone.
        }
    }
}
