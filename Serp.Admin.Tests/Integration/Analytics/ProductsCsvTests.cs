using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Serp.Admin.Tests.Integration.Analytics;

public sealed class ProductsCsvFixture : IAsyncLifetime
{
    public AdminAppFixture App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await new RandomStore(App.Database, seed: 31).SeedAsync(orders: 250);
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

/// <summary><c>GET /analytics/products.csv</c>: the contract's header, rows, sorting, errors and audit.</summary>
public sealed class ProductsCsvTests(ProductsCsvFixture fixture) : IClassFixture<ProductsCsvFixture>
{
    private const string Header = "offer_id,product_id,currency,orders,gross,refunded,disputes_lost,net";
    private static readonly DateOnly From = new(2026, 6, 5);
    private static readonly DateOnly To = new(2026, 8, 1);

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string query)
    {
        using var client = fixture.App.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Viewer");
        using var response = await client.GetAsync(new Uri("/analytics/products.csv" + query, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("paypal")]
    public async Task Rows_equal_the_direct_query_per_offer_and_currency_sorted_with_the_catalog_product(string? source)
    {
        var direct = await DirectAnalytics.ProductsAsync(fixture.App.Database.DataSource, From, To, source);
        Assert.True(direct.Count > 5, $"only {direct.Count} offer × currency rows");

        var (status, body) = await GetAsync($"?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}" + (source is null ? "" : $"&source={source}"));

        Assert.Equal(HttpStatusCode.OK, status);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Header, lines[0]);
        // offer,product,currency,... → offer,currency,... to line up with the direct query.
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(direct, rows.Select(r => string.Join(',', r.Where((_, i) => i != 1))).ToList());
        Assert.Contains(rows, r => r[0] == "offer-bundle" && r[1] == "serp-bundle");
        Assert.Contains(rows, r => r[0] == "offer-gone" && r[1] == "");
        Assert.Contains(rows, r => r[0] == "" && r[1] == "");
        Assert.Contains(rows, r => r[5] != "0");
    }

    [Theory]
    [InlineData("", "from is required")]
    [InlineData("?from=2026-06-01", "to is required")]
    [InlineData("?from=2026-13-01&to=2026-14-01", "from \"2026-13-01\" is not a date")]
    [InlineData("?from=2026-07-01&to=2026-06-01", "to must be after from")]
    [InlineData("?from=2026-06-01&to=2026-07-01&source=bitcoin", "source \"bitcoin\" is not stripe or paypal")]
    public async Task Bad_dates_or_source_answer_400_with_a_message(string query, string message)
    {
        var (status, body) = await GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_export_is_audited_with_the_period_and_rows()
    {
        await using var db = fixture.App.Database.CreateDbContext();
        var before = await db.AuditLog.CountAsync(a => a.Action == "analytics.products_exported");

        var (status, _) = await GetAsync("?from=2026-06-01&to=2026-07-01&source=stripe");

        Assert.Equal(HttpStatusCode.OK, status);
        var entry = await db.AuditLog.AsNoTracking().Where(a => a.Action == "analytics.products_exported").OrderByDescending(a => a.At).FirstAsync();
        Assert.Equal(before + 1, await db.AuditLog.CountAsync(a => a.Action == "analytics.products_exported"));
        var details = entry.Details!.RootElement;
        Assert.Equal("2026-06-01", details.GetProperty("from").GetString());
        Assert.Equal("stripe", details.GetProperty("source").GetString());
        Assert.True(details.GetProperty("rows").GetInt32() > 0);
        Assert.Equal("succeeded", entry.Outcome);
    }

    [Fact]
    public async Task Anonymous_requests_get_no_figures()
    {
        using var client = fixture.App.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/analytics/products.csv?from=2026-06-01&to=2026-07-01", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
