using Bunit;
using Serp.Admin.Components.Shared;
using Serp.Domain.Money;

namespace Serp.Admin.Tests.Components;

public sealed class SharedComponentTests : MudTestContext
{
    [Theory]
    [InlineData("paid", "Paid")]
    [InlineData("partially_refunded", "Partially refunded")]
    [InlineData("disputed", "Disputed")]
    public void Status_chip_shows_a_human_label(string status, string label)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status));

        Assert.Equal(label, chip.Find($"[data-status='{status}']").TextContent.Trim());
    }

    [Fact]
    public void Money_text_formats_zero_decimal_currencies_without_cents()
    {
        var text = Render<MoneyText>(p => p.Add(c => c.Amount, new Money(7400, "jpy")));

        Assert.Equal("¥7,400", text.Find(".serp-money").TextContent);
    }

    [Fact]
    public void Local_time_shows_the_operator_zone_and_keeps_utc_in_the_tooltip()
    {
        var instant = new DateTimeOffset(2026, 7, 1, 12, 30, 0, TimeSpan.Zero);

        var time = Render<LocalTime>(p => p
            .Add(c => c.Value, instant)
            .AddCascadingValue(OperatorTimeZone.FromIana("Europe/Berlin")));

        var span = time.Find("span");
        Assert.Equal("2026-07-01 14:30", span.TextContent);
        Assert.Equal("2026-07-01 12:30:00Z", span.GetAttribute("title"));
    }

    [Fact]
    public void An_unknown_time_zone_falls_back_to_utc() =>
        Assert.Equal(TimeZoneInfo.Utc, OperatorTimeZone.FromIana("Mars/Olympus").Zone);
}
