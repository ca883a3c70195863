using System.Net;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Features.Orders;
using Serp.Domain.Catalog;
using Serp.Domain.Demo;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration;

/// <summary>The app with demo orders plus orders whose text would break a CSV or run in a spreadsheet.</summary>
public sealed class OrderExportFixture : IAsyncLifetime
{
    public const string TrickyLander = "lander-tricky";
    public AdminAppFixture App { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        new DemoDataGenerator(App.Factory.Services.GetRequiredService<OfferCatalog>(), 7, TimeProvider.System).Write(App.Database.DataSource, 400);
        await using var db = App.Database.CreateDbContext();
        string[] names = ["=HYPERLINK(\"http://evil.example\",\"click\")", "Doe, \"Jo\"", "-2+3", "@SUM(A1)", "Plain Name"];
        for (var i = 0; i < names.Length; i++)
        {
            var at = DateTimeOffset.UtcNow.AddMinutes(-i);
            db.Orders.Add(new Order
            {
                Id = Guid.NewGuid(), CreatedAt = at, UpdatedAt = at, AmountTotal = 4900 + i, Currency = "usd", LanderId = TrickyLander,
                CustomerName = names[i], CustomerEmail = i == 0 ? "+tricky@example.com" : $"tricky{i}@example.com",
                PaymentStatus = PaymentStatus.Paid, Source = PaymentSource.Stripe,
            });
        }
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => App.DisposeAsync();
}

public sealed class OrderExportTests(OrderExportFixture fixture) : IClassFixture<OrderExportFixture>
{
    private const string ContractHeader =
        "id,created_at,customer_email,customer_name,offer_id,amount_total,currency,amount_refunded,payment_status,source";

    [Fact]
    public async Task A_viewer_downloads_exactly_the_filtered_orders_with_the_contract_header()
    {
        await using var db = fixture.App.Database.CreateDbContext();
        var paypal = await db.Orders.CountAsync(o => o.Source == PaymentSource.PayPal);
        var others = await db.Orders.CountAsync(o => o.Source != PaymentSource.PayPal);
        Assert.True(paypal > 0 && others > 0);
        using var client = fixture.App.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Viewer");

        using var response = await client.GetAsync(new Uri("/orders/export.csv?source=paypal", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^attachment; filename=\"orders-\\d{4}-\\d{2}-\\d{2}\\.csv\"$", response.Content.Headers.ContentDisposition?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith(ContractHeader, lines[0], StringComparison.Ordinal);
        Assert.Equal(paypal, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",paypal,", l, StringComparison.Ordinal));
        var newest = await db.Orders.Where(o => o.Source == PaymentSource.PayPal).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).FirstAsync();
        Assert.StartsWith($"{newest.Id},{newest.CreatedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_is_quoted_and_formulas_are_defused()
    {
        using var client = fixture.App.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Support");

        var csv = await client.GetStringAsync(new Uri($"/orders/export.csv?lander={OrderExportFixture.TrickyLander}", UriKind.Relative));

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Contains(",'+tricky@example.com,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"Doe, \"\"Jo\"\"\",", lines[2], StringComparison.Ordinal);
        Assert.Contains(",'-2+3,", lines[3], StringComparison.Ordinal);
        Assert.Contains(",'@SUM(A1),", lines[4], StringComparison.Ordinal);
        Assert.Contains(",Plain Name,", lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_export_is_audited_with_its_filter_and_row_count()
    {
        using var client = fixture.App.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Viewer");

        var csv = await client.GetStringAsync(new Uri("/orders/export.csv?status=refunded&dir=asc", UriKind.Relative));

        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.True(rows > 0);
        await using var db = fixture.App.Database.CreateDbContext();
        var entry = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Action == "orders.exported" && a.Details!.RootElement.GetProperty("filter").GetString() == "status=refunded&dir=asc");
        Assert.Equal(("dev-viewer@serp.local", "orders", null, "succeeded"), (entry.Actor, entry.TargetType, entry.TargetId, entry.Outcome));
        Assert.Equal(rows, entry.Details!.RootElement.GetProperty("rows").GetInt64());
    }

    [Fact]
    public async Task An_export_with_an_id_reports_its_rows_to_the_button_and_a_refused_one_says_why()
    {
        await using var db = fixture.App.Database.CreateDbContext();
        var paid = await db.Orders.CountAsync(o => o.PaymentStatus == PaymentStatus.Paid);
        Assert.InRange(paid, 1, await db.Orders.CountAsync() - 1);
        var progress = fixture.App.Factory.Services.GetRequiredService<OrderExportProgress>();
        using var client = fixture.App.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Viewer");
        var (done, refused) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Null(progress.Find(done));

        await client.GetStringAsync(new Uri($"/orders/export.csv?status=paid&export_id={done}", UriKind.Relative));
        using var response = await client.GetAsync(new Uri($"/orders/export.csv?status=lost&export_id={refused}", UriKind.Relative));

        Assert.Equal((paid, ExportStage.Done), progress.Find(done) is { } d ? (d.Rows, d.Stage) : default);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var failed = progress.Find(refused);
        Assert.Equal(ExportStage.Failed, failed?.Stage);
        Assert.Contains("status \"lost\"", failed?.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_filter_is_refused_with_the_reason_and_nothing_is_exported()
    {
        using var client = fixture.App.Factory.CreateNonRedirectingClient();
        await client.SignInAsDevAsync("Viewer");

        using var response = await client.GetAsync(new Uri("/orders/export.csv?status=lost", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("status \"lost\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_caller_gets_no_csv()
    {
        using var client = fixture.App.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/orders/export.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/auth/signin", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
