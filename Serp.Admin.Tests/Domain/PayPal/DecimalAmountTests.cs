using Serp.Domain.Money;

namespace Serp.Admin.Tests.Domain.PayPal;

public sealed class DecimalAmountTests
{
    [Theory]
    [InlineData("49.00", "usd", 4900)]
    [InlineData("0.5", "eur", 50)]
    [InlineData("7400", "jpy", 7400)]
    [InlineData("1.250", "kwd", 1250)]
    [InlineData("12", "usd", 1200)]
    [InlineData(".99", "usd", 99)]
    [InlineData("92233720368547758.07", "usd", long.MaxValue)]
    public void Decimal_strings_become_exact_minor_units_by_the_currency_exponent(string value, string currency, long expected)
    {
        Assert.Equal(expected, DecimalAmount.ToMinorUnits(value, currency, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("10.001", "usd", "has 3 decimals, but USD has 2")]
    [InlineData("74.5", "jpy", "has decimals, but JPY has none")]
    [InlineData("7400.00", "jpy", "has decimals, but JPY has none")]
    [InlineData("1.2501", "kwd", "has 4 decimals, but KWD has 3")]
    public void More_decimals_than_the_currency_has_is_refused_not_rounded(string value, string currency, string reason)
    {
        Assert.Null(DecimalAmount.ToMinorUnits(value, currency, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-5.00")]
    [InlineData("1,000.00")]
    [InlineData("1e3")]
    [InlineData(" 5.00")]
    [InlineData("5.")]
    [InlineData(".")]
    [InlineData("5.0.0")]
    [InlineData("92233720368547758.08")]
    public void Anything_but_plain_digits_and_one_point_is_refused(string? value)
    {
        Assert.Null(DecimalAmount.ToMinorUnits(value, "usd", out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData(1050, "usd", "10.50")]
    [InlineData(5, "usd", "0.05")]
    [InlineData(0, "eur", "0.00")]
    [InlineData(500, "jpy", "500")]
    [InlineData(1250, "kwd", "1.250")]
    public void Minor_units_become_the_decimal_string_PayPal_takes(long minor, string currency, string expected)
    {
        Assert.Equal(expected, DecimalAmount.ToDecimalString(minor, currency));
        Assert.Equal(minor, DecimalAmount.ToMinorUnits(expected, currency, out _));
    }
}
