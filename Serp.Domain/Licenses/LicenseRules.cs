using Serp.Domain.Orders;

namespace Serp.Domain.Licenses;

/// <summary>Whether a paid order's license should be usable: yes while the money stays (even partly refunded).</summary>
public static class LicenseRules
{
    /// <summary>Fully refunded, or charged back (suspended while a dispute is open; restored if it is won).</summary>
    public static bool ShouldBeRevoked(string paymentStatus) =>
        paymentStatus is PaymentStatus.Refunded or PaymentStatus.Disputed;

    public static string RevokeReason(string paymentStatus) =>
        paymentStatus == PaymentStatus.Refunded ? "refunded" : "disputed";

    /// <summary>A key a customer can type: SERP-XXXXX-XXXXX-XXXXX-XXXXX from a cryptographic random source.</summary>
    public static string NewKey()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        Span<byte> random = stackalloc byte[20];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[20];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random[i] % alphabet.Length];
        return $"SERP-{chars[..5]}-{chars[5..10]}-{chars[10..15]}-{chars[15..]}";
    }
}
