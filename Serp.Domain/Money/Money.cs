using System.Globalization;

namespace Serp.Domain.Money;

/// <summary>
/// An amount in minor units of an ISO 4217 currency, as Stripe and our columns store it.
/// Never converted to decimal for storage; formatting knows zero- and three-decimal currencies.
/// </summary>
public readonly record struct Money(long MinorUnits, string Currency)
{
    // Stripe's lists: https://docs.stripe.com/currencies#zero-decimal and #three-decimal.
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "bhd", "jod", "kwd", "omr", "tnd",
    };

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["usd"] = "$", ["eur"] = "€", ["gbp"] = "£", ["jpy"] = "¥", ["krw"] = "₩", ["inr"] = "₹",
    };

    public static int DecimalsOf(string currency) =>
        ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    public int Decimals => DecimalsOf(Currency);

    /// <summary>The amount in major units, for display and charts only.</summary>
    public decimal Major => MinorUnits / Pow10(Decimals);

    /// <summary>"$1,234.56", "¥1,200", "1,234.567 KWD": invariant digits, the currency's own precision.</summary>
    public string Format()
    {
        var digits = Math.Abs(Major).ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var sign = MinorUnits < 0 ? "-" : "";
        return Symbols.TryGetValue(Currency, out var symbol)
            ? $"{sign}{symbol}{digits}"
            : $"{sign}{digits} {Currency.ToUpperInvariant()}";
    }

    public override string ToString() => Format();

    private static decimal Pow10(int n) => n switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, n) };
}
