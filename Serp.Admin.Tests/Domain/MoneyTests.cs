using Serp.Domain.Money;

namespace Serp.Admin.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(123456, "usd", "$1,234.56")]
    [InlineData(4900, "eur", "€49.00")]
    [InlineData(5, "gbp", "£0.05")]
    [InlineData(7400, "jpy", "¥7,400")]
    [InlineData(1500, "krw", "₩1,500")]
    [InlineData(1234567, "kwd", "1,234.567 KWD")]
    [InlineData(1000, "chf", "10.00 CHF")]
    [InlineData(-2500, "usd", "-$25.00")]
    [InlineData(0, "usd", "$0.00")]
    public void Formats_with_the_currency_s_own_precision(long minor, string currency, string expected) =>
        Assert.Equal(expected, new Money(minor, currency).Format());

    [Theory]
    [InlineData("jpy", 0)]
    [InlineData("JPY", 0)]
    [InlineData("usd", 2)]
    [InlineData("bhd", 3)]
    public void Knows_decimal_places(string currency, int decimals) => Assert.Equal(decimals, Money.DecimalsOf(currency));

    [Fact]
    public void Major_units_divide_by_the_right_power_of_ten()
    {
        Assert.Equal(12.34m, new Money(1234, "usd").Major);
        Assert.Equal(1234m, new Money(1234, "jpy").Major);
        Assert.Equal(1.234m, new Money(1234, "kwd").Major);
    }
}
