using System.Globalization;
using Serp.Domain.Money;

namespace Serp.Admin.Features.Refunds;

/// <summary>
/// Amounts typed in major units of a currency ("20.00", "500", "1.250") into exact minor units, with the
/// currency's own number of decimals: more decimals than the currency has is an error, never a rounding.
/// </summary>
public static class MajorUnits
{
    public static string Format(long minorUnits, string currency)
    {
        var decimals = Money.DecimalsOf(currency);
        var major = minorUnits / (decimal)Math.Pow(10, decimals);
        return major.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The minor units of <paramref name="text"/>, or the reason it is not an amount in <paramref name="currency"/>.</summary>
    public static (long? MinorUnits, string? Error) Parse(string? text, string currency)
    {
        var decimals = Money.DecimalsOf(currency);
        var code = currency.ToUpperInvariant();
        var value = (text ?? "").Trim();
        // Accept the symbol or a thousands separator someone pasted ("$1,234.50", "¥500"), nothing else.
        value = new string([.. value.Where(c => c is not (',' or ' ' or '$' or '€' or '£' or '¥' or '₩' or '₹'))]);
        if (value.EndsWith(code, StringComparison.OrdinalIgnoreCase)) value = value[..^code.Length];
        if (value.Length == 0) return (null, "Enter an amount.");
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var major))
        {
            return (null, $"\"{text}\" is not an amount: use digits and a point, e.g. {Example(decimals)}.");
        }
        var point = value.IndexOf('.', StringComparison.Ordinal);
        var given = point < 0 ? 0 : value.Length - point - 1;
        if (given > decimals)
        {
            return (null, decimals == 0
                ? $"{code} has no decimals: enter a whole amount, e.g. {Example(decimals)}."
                : $"{code} has {decimals} decimals: {text} has {given}.");
        }
        var minor = major * (decimal)Math.Pow(10, decimals);
        if (minor <= 0) return (null, "The amount must be more than zero.");
        if (minor > long.MaxValue) return (null, "The amount is too large.");
        return ((long)minor, null);
    }

    private static string Example(int decimals) => decimals switch { 0 => "500", 3 => "12.500", _ => "20.00" };
}
