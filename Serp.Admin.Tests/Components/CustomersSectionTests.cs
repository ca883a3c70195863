using Bunit;
using Serp.Admin.Features.Analytics;

namespace Serp.Admin.Tests.Components;

/// <summary>The Customers section of /analytics: loading, empty, error and figures, and its histogram and median.</summary>
public sealed class CustomersSectionTests : MudTestContext
{
    private static readonly AnalyticsFilter Filter = new() { From = new DateOnly(2026, 9, 1), To = new DateOnly(2026, 12, 1), Granularity = Granularity.Month };

    private static CustomerFigures Figures() => new()
    {
        Currency = "usd",
        Buckets = [new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)],
        Buyers = [new BuyersInBucket(5, 1, 50_00, 9_00), new BuyersInBucket(3, 2, 30_00, 20_00), BuyersInBucket.Zero],
        Cohorts =
        [
            new CohortRow(new DateOnly(2026, 9, 1), [new CohortCell(5, 6, 59_00), new CohortCell(2, 2, 20_00), CohortCell.Zero]),
            new CohortRow(new DateOnly(2026, 10, 1), [new CohortCell(3, 3, 30_00), new CohortCell(1, 1, 12_50)]),
        ],
        Values = [new LifetimeValue("eur", 2, 40_00, 20_00, 20_00), LifetimeValue.From("usd", [(10_00, 3), (20_00, 4), (45_00, 1)])],
        Distribution = CustomerFigures.Bin([(10_00, 3), (20_00, 4), (45_00, 1)]),
    };

    private IRenderedComponent<CustomersSection> RenderSection(CustomerFigures? figures, string? error = null) =>
        Render<CustomersSection>(p => p
            .Add(c => c.Filter, Filter)
            .Add(c => c.Currency, "usd")
            .Add(c => c.Figures, figures)
            .Add(c => c.Error, error));

    [Fact]
    public void While_the_figures_load_it_shows_progress_and_no_chart()
    {
        var section = RenderSection(null);

        Assert.NotNull(section.Find("[data-testid=customers-loading]"));
        Assert.Empty(section.FindAll("[data-chart]"));
        Assert.Contains("Customers (USD)", section.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_without_customers_says_so()
    {
        var empty = new CustomerFigures
        {
            Currency = "usd", Buckets = Figures().Buckets, Buyers = [BuyersInBucket.Zero, BuyersInBucket.Zero, BuyersInBucket.Zero],
            Cohorts = [], Values = [], Distribution = [],
        };
        var section = RenderSection(empty);

        Assert.NotNull(section.Find("[data-testid=customers-empty]"));
        Assert.Empty(section.FindAll("[data-chart]"));
        Assert.Empty(section.FindAll("[data-testid=customers-loading]"));
    }

    [Fact]
    public void A_failed_load_says_why()
    {
        var section = RenderSection(null, "the database did not answer.");

        Assert.Contains("the database did not answer.", section.Find("[data-testid=customers-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(section.FindAll("[data-testid=customers-loading]"));
    }

    [Fact]
    public void Figures_draw_three_charts_the_value_table_and_the_cohorts()
    {
        var section = RenderSection(Figures());

        Assert.Equal("2", section.Find("[data-chart=customers-buyers]").GetAttribute("data-series"));
        Assert.Equal("2", section.Find("[data-chart=customers-revenue]").GetAttribute("data-series"));
        Assert.Equal("1", section.Find("[data-chart=customers-ltv]").GetAttribute("data-series"));

        var values = section.FindAll("[data-testid=customer-values] tbody tr");
        Assert.Equal(2, values.Count);
        // usd: 3 × $10 + 4 × $20 + $45 = $155 over 8 customers; the two middle customers are both $20.
        Assert.Equal(["USD", "8", "$19.37", "$20.00"], values[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));

        var cohorts = section.FindAll("[data-testid=cohort]");
        Assert.Equal(["2026-09", "2026-10"], cohorts.Select(c => c.GetAttribute("data-month")));
        var september = cohorts[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Sep 2026", september[0]);
        Assert.Equal("5", september[1]);
        Assert.StartsWith("$20.00", september[3], StringComparison.Ordinal);
        Assert.Contains("2 · 40.0 %", september[3], StringComparison.Ordinal);
        Assert.Equal("—", september[4]); // no purchases two months after
        Assert.Equal(3, section.FindAll("[data-testid=cohort-table] thead th").Count - 2);
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_customers()
    {
        var value = LifetimeValue.From("usd", [(-5_00, 1), (10_00, 1), (15_01, 1), (90_00, 1)]);

        Assert.Equal(4, value.Customers);
        Assert.Equal(110_01, value.Total);
        Assert.Equal(27_50, value.Mean);
        Assert.Equal(12_50, value.Median);
    }

    [Fact]
    public void Every_customer_lands_in_exactly_one_bin_of_a_round_width()
    {
        var bins = CustomerFigures.Bin([(-3_00, 2), (0, 1), (19_99, 4), (20_00, 1), (119_00, 5)]);

        Assert.Equal(13, bins.Sum(b => b.Customers));
        var width = bins[0].To - bins[0].From;
        Assert.Equal(20_00, width); // a twelfth of the range is $10.17: the next round width up
        Assert.All(bins, b => Assert.Equal(width, b.To - b.From));
        Assert.Equal(-20_00, bins[0].From);
        Assert.Equal(2, bins[0].Customers);
        Assert.Equal(5, bins.Single(b => b.From == 0).Customers);
        Assert.Equal(1, bins.Single(b => b.From == 20_00).Customers);
        Assert.Equal(5, bins[^1].Customers);
        Assert.True(bins[^1].From <= 119_00 && 119_00 < bins[^1].To);
    }
}
