using Stripe;

namespace Serp.Admin.Tests.TestData.Stripe;

/// <summary>Signs payloads the way Stripe does (Stripe.net's own public helper): t=TS,v1=HMAC-SHA256(secret, "TS.payload").</summary>
internal static class StripeSigner
{
    public const string Secret = "whsec_test_current_0123456789abcdef";
    public const string PreviousSecret = "whsec_test_previous_0123456789abcdef";

    public static string Header(string payload, string secret = Secret, DateTimeOffset? at = null) =>
        EventUtility.GenerateSignatureHeader(payload, secret, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());
}
