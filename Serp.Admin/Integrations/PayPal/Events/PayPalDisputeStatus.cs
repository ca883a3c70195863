using System.Text.Json;
using Serp.Domain.Disputes;

namespace Serp.Admin.Integrations.PayPal.Events;

/// <summary>PayPal's dispute status and outcome onto ours (<see cref="DisputeStatus"/>, Stripe's words).</summary>
internal static class PayPalDisputeStatus
{
    public static string Map(string? status, JsonElement outcome) => status switch
    {
        "UNDER_REVIEW" => DisputeStatus.UnderReview,
        "RESOLVED" => Resolved(outcome),
        // OPEN, WAITING_FOR_BUYER_RESPONSE, WAITING_FOR_SELLER_RESPONSE, and anything PayPal adds while it is open.
        _ => DisputeStatus.NeedsResponse,
    };

    /// <summary>
    /// Buyer's favour is lost; seller's favour and a buyer who cancelled are won. Other outcomes (ACCEPTED, DENIED,
    /// RESOLVED_WITH_PAYOUT…) are judged by whether money went back to the buyer: a refunded amount means it is lost.
    /// </summary>
    private static string Resolved(JsonElement outcome) => outcome.Text("outcome_code") switch
    {
        "RESOLVED_BUYER_FAVOUR" => DisputeStatus.Lost,
        "RESOLVED_SELLER_FAVOUR" or "CANCELED_BY_BUYER" => DisputeStatus.Won,
        _ => outcome.Child("amount_refunded").Text("value") is { } refunded && refunded.Any(c => c is >= '1' and <= '9')
            ? DisputeStatus.Lost
            : DisputeStatus.Won,
    };
}
