using System.Text.Json;
using Serp.Domain.Money;

namespace Serp.Admin.Integrations.PayPal.Events;

/// <summary>PayPal's money object (<c>{"currency_code":"USD","value":"49.00"}</c>) into exact minor units and our lower-case code.</summary>
internal static class PayPalMoney
{
    public static (long Amount, string Currency) Read(JsonElement money, string what)
    {
        var code = money.Text("currency_code");
        if (string.IsNullOrWhiteSpace(code) || code.Length != 3 || !code.All(char.IsAsciiLetter))
        {
            throw new PayPalPayloadException($"The {what} has no currency code.");
        }
        var currency = code.ToLowerInvariant();
        var minor = DecimalAmount.ToMinorUnits(money.Text("value"), currency, out var error);
        return minor is { } amount ? (amount, currency) : throw new PayPalPayloadException($"The {what}: {error}");
    }
}
