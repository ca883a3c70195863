using System.Globalization;

namespace Serp.Admin.Features.Orders;

/// <summary>
/// The amount inputs: major units of the chosen currency ("20.00", "500" for jpy), converted to minor units exactly
/// (more decimals than the currency has is an error, never rounded); without a currency, minor units as they are.
/// </summary>
public static class AmountText
{
    public static string Format(long? minor, string? currency)
    {
        if (minor is not { } value) return "";
        if (currency is null) return value.ToString(CultureInfo.InvariantCulture);
        var decimals = Domain.Money.Money.DecimalsOf(currency);
        return (value / Scale(decimals)).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public static bool TryParse(string? text, string? currency, out long? minor, out string? error)
    {
        (minor, error) = (null, null);
        if (string.IsNullOrWhiteSpace(text)) return true;
        var decimals = currency is null ? 0 : Domain.Money.Money.DecimalsOf(currency);
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            error = currency is null ? "A whole number of minor units (cents), e.g. 4900" : "A number like 49.00";
            return false;
        }
        var scaled = major * Scale(decimals);
        if (scaled != decimal.Truncate(scaled))
        {
            error = currency is null
                ? "Without a currency the amount is in minor units (cents): no decimals"
                : $"{currency.ToUpperInvariant()} has {decimals} decimals";
            return false;
        }
        if (scaled > long.MaxValue)
        {
            error = "Too large";
            return false;
        }
        minor = (long)scaled;
        return true;
    }

    private static decimal Scale(int decimals) => decimals switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => 1m };
}
