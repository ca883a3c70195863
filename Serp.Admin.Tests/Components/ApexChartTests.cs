using Bunit;
using Microsoft.AspNetCore.Components;
using Serp.Admin.Components.Shared.Charts;

namespace Serp.Admin.Tests.Components;

/// <summary>The chart component's calls into its JS module: create once, update on new data, re-theme, destroy.</summary>
public sealed class ApexChartTests : MudTestContext
{
    private readonly BunitJSModuleInterop module;

    public ApexChartTests()
    {
        module = JSInterop.SetupModule("./js/charts.js");
        module.SetupVoid("create", _ => true).SetVoidResult();
        module.SetupVoid("update", _ => true).SetVoidResult();
        module.SetupVoid("theme", _ => true).SetVoidResult();
        module.SetupVoid("destroy", _ => true).SetVoidResult();
    }

    private static ChartSpec Revenue(params decimal?[] values) => new()
    {
        Kind = ChartKind.Bar,
        Categories = ["Mon", "Tue", "Wed"],
        Series = [new ChartSeries("Gross", values), new ChartSeries("Previous", [1m, 2m, 3m], Dashed: true, Kind: ChartKind.Line)],
        Stacked = true,
        Currency = "usd",
    };

    private IRenderedComponent<ApexChart> RenderChart(ChartSpec spec, bool dark = false) =>
        Render<ApexChart>(p => p
            .Add(c => c.Spec, spec)
            .Add(c => c.Name, "revenue")
            .Add(c => c.Label, "Revenue by day")
            .AddCascadingValue("DarkMode", dark));

    [Fact]
    public void First_render_creates_the_chart_with_the_spec_and_the_theme()
    {
        var spec = Revenue(10m, 20m, 30m);
        var chart = RenderChart(spec, dark: true);

        var create = module.VerifyInvoke("create");
        Assert.Same(spec, create.Arguments[1]);
        Assert.Equal(true, create.Arguments[2]);
        Assert.Equal("2", chart.Find("[data-chart=revenue]").GetAttribute("data-series"));
        Assert.Equal("Revenue by day", chart.Find("[data-chart=revenue]").GetAttribute("aria-label"));
        Assert.Empty(module.Invocations["update"]);
    }

    [Fact]
    public void New_data_updates_the_chart_instead_of_creating_another()
    {
        var chart = RenderChart(Revenue(10m, 20m, 30m));
        var next = Revenue(11m, null, 31m);

        chart.Render(p => p.Add(c => c.Spec, next));

        module.VerifyInvoke("create", 1);
        Assert.Same(next, module.VerifyInvoke("update").Arguments[1]);
    }

    [Fact]
    public void Re_rendering_with_the_same_spec_calls_nothing()
    {
        var spec = Revenue(10m, 20m, 30m);
        var chart = RenderChart(spec);

        chart.Render(p => p.Add(c => c.Spec, spec));

        module.VerifyInvoke("create", 1);
        Assert.Empty(module.Invocations["update"]);
        Assert.Empty(module.Invocations["theme"]);
    }

    [Fact]
    public void Switching_to_dark_mode_re_themes_the_drawn_chart()
    {
        var spec = Revenue(10m, 20m, 30m);
        // The layout's dark mode arrives as a cascading value: change it the way the layout does.
        void Layout(ComponentParameterCollectionBuilder<CascadingValue<bool>> p, bool dark) => p
            .Add(c => c.Name, "DarkMode")
            .Add(c => c.Value, dark)
            .AddChildContent<ApexChart>(c => c.Add(x => x.Spec, spec).Add(x => x.Name, "revenue").Add(x => x.Label, "Revenue"));
        var layout = Render<CascadingValue<bool>>(p => Layout(p, false));

        layout.Render(p => Layout(p, true));

        module.VerifyInvoke("create", 1);
        Assert.Equal(true, module.VerifyInvoke("theme").Arguments[1]);
        Assert.Empty(module.Invocations["update"]);
    }

    [Fact]
    public async Task Disposing_the_component_destroys_the_chart()
    {
        var chart = RenderChart(Revenue(10m, 20m, 30m));

        await chart.Instance.DisposeAsync();

        module.VerifyInvoke("destroy");
    }
}
