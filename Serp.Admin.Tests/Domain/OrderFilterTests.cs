using Microsoft.AspNetCore.WebUtilities;
using Serp.Admin.Features.Orders;

namespace Serp.Admin.Tests.Domain;

public sealed class OrderFilterTests
{
    [Fact]
    public void Every_contract_parameter_is_read_and_written_back_unchanged()
    {
        const string query = "status=refunded&source=paypal&offer=offer-bundle&lander=lander-quiz&currency=eur&affiliate=aff_007" +
            "&from=2026-11-01&to=2026-12-01&amount_min=4900&amount_max=19700&sort=amount&dir=asc";

        Assert.True(OrderFilter.TryParse(QueryHelpers.ParseQuery(query), out var filter, out var error));

        Assert.Null(error);
        Assert.Equal(new OrderFilter
        {
            Status = "refunded", Source = "paypal", Offer = "offer-bundle", Lander = "lander-quiz", Currency = "eur",
            Affiliate = "aff_007", From = new DateOnly(2026, 11, 1), To = new DateOnly(2026, 12, 1), AmountMin = 4900,
            AmountMax = 19700, Sort = OrderSort.Amount, Descending = false,
        }, filter);
        Assert.Equal(query, filter.ToQueryString());
    }

    [Theory]
    [InlineData("status=lost", "status \"lost\"")]
    [InlineData("source=square", "source \"square\"")]
    [InlineData("currency=euro", "currency \"euro\"")]
    [InlineData("from=2026-13-01", "from \"2026-13-01\"")]
    [InlineData("to=yesterday", "to \"yesterday\"")]
    [InlineData("from=2026-12-01&to=2026-12-01", "to must be after from")]
    [InlineData("amount_min=49.00", "amount_min \"49.00\"")]
    [InlineData("amount_max=-1", "amount_max \"-1\"")]
    [InlineData("amount_min=500&amount_max=100", "amount_max is below amount_min")]
    [InlineData("sort=name", "sort \"name\"")]
    [InlineData("dir=up", "dir \"up\"")]
    public void An_invalid_value_is_named_and_nothing_is_applied(string query, string message)
    {
        Assert.False(OrderFilter.TryParse(QueryHelpers.ParseQuery("offer=offer-bundle&" + query), out var filter, out var error));

        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(OrderFilter.Default, filter);
    }

    [Fact]
    public void Dates_start_at_midnight_in_the_operators_zone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var filter = new OrderFilter { From = new DateOnly(2026, 12, 2), To = new DateOnly(2026, 12, 3), Zone = berlin };

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero), filter.FromUtc);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 23, 0, 0, TimeSpan.Zero), filter.ToUtc);
    }

    [Fact]
    public void A_cursor_survives_the_url()
    {
        var cursor = new OrderCursor(false, 1_764_633_600_123_456, Guid.NewGuid());
        var (name, value) = cursor.ToParameter();

        Assert.True(OrderCursor.TryParse(name == "after" ? value : null, name == "before" ? value : null, out var read, out _));
        Assert.Equal(cursor, read);
        Assert.True(OrderCursor.TryParse(null, "end", out var last, out _));
        Assert.True(last!.IsLast);
    }

    [Theory]
    [InlineData("garbage", null)]
    [InlineData("123.not-a-guid", null)]
    [InlineData("1.00000000000000000000000000000000", "2.00000000000000000000000000000000")]
    public void A_damaged_page_link_is_refused(string? after, string? before)
    {
        Assert.False(OrderCursor.TryParse(after, before, out var cursor, out var error));
        Assert.Null(cursor);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("49.00", "usd", 4900L)]
    [InlineData("49", "usd", 4900L)]
    [InlineData("500", "jpy", 500L)]
    [InlineData("1.234", "kwd", 1234L)]
    [InlineData("4900", null, 4900L)]
    public void Amounts_in_major_units_become_exact_minor_units(string text, string? currency, long minor)
    {
        Assert.True(AmountText.TryParse(text, currency, out var parsed, out _));
        Assert.Equal(minor, parsed);
        Assert.True(AmountText.TryParse(AmountText.Format(minor, currency), currency, out var again, out _));
        Assert.Equal(minor, again);
    }

    [Theory]
    [InlineData("49.001", "usd")]
    [InlineData("500.5", "jpy")]
    [InlineData("49.5", null)]
    [InlineData("forty", "usd")]
    public void Amounts_that_would_need_rounding_are_refused(string text, string? currency)
    {
        Assert.False(AmountText.TryParse(text, currency, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.NotNull(error);
    }

    [Fact]
    public void Presets_are_whole_local_days_ending_today_and_are_recognised_again()
    {
        var today = new DateOnly(2026, 12, 2);

        Assert.Equal((today, today.AddDays(1)), DatePreset.Range("1", today));
        Assert.Equal((new DateOnly(2026, 11, 26), today.AddDays(1)), DatePreset.Range("7", today));
        Assert.Equal("30", DatePreset.Of(today.AddDays(-29), today.AddDays(1), today));
        Assert.Equal(DatePreset.Custom, DatePreset.Of(today.AddDays(-29), today, today));
        Assert.Equal(DatePreset.Any, DatePreset.Of(null, null, today));
    }
}
