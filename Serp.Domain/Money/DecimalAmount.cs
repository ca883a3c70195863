namespace Serp.Domain.Money;

/// <summary>
/// Decimal strings as payment APIs send amounts (PayPal's <c>"49.00"</c>, <c>"7400"</c> for yen) into exact minor
/// units by the currency's exponent (<see cref="Money.DecimalsOf"/>), digit by digit: never through floating point,
/// and never rounded. More decimals than the currency has is an error, not a rounding.
/// </summary>
public static class DecimalAmount
{
    /// <summary>The minor units of <paramref name="value"/>, or null with the reason in <paramref name="error"/>.</summary>
    public static long? ToMinorUnits(string? value, string currency, out string? error)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var decimals = Money.DecimalsOf(currency);
        var code = currency.ToUpperInvariant();
        error = null;
        if (string.IsNullOrEmpty(value))
        {
            error = $"The {code} amount is missing.";
            return null;
        }
        var point = value.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? value : value[..point];
        var fraction = point < 0 ? "" : value[(point + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || (point >= 0 && fraction.Length == 0)
            || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit))
        {
            error = $"\"{value}\" is not a {code} amount (digits and at most one point).";
            return null;
        }
        if (fraction.Length > decimals)
        {
            error = decimals == 0
                ? $"The amount \"{value}\" has decimals, but {code} has none."
                : $"The amount \"{value}\" has {fraction.Length} decimals, but {code} has {decimals}.";
            return null;
        }
        try
        {
            long minor = 0;
            foreach (var digit in whole + fraction.PadRight(decimals, '0')) minor = checked((minor * 10) + (digit - '0'));
            return minor;
        }
        catch (OverflowException)
        {
            error = $"The amount \"{value}\" is too large.";
            return null;
        }
    }

    /// <summary>Minor units as the decimal string payment APIs take (<c>1050</c> usd → <c>"10.50"</c>, <c>500</c> jpy → <c>"500"</c>).</summary>
    public static string ToDecimalString(long minorUnits, string currency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minorUnits);
        var decimals = Money.DecimalsOf(currency);
        var digits = minorUnits.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        return decimals == 0 ? digits : $"{digits[..^decimals]}.{digits[^decimals..]}";
    }
}
