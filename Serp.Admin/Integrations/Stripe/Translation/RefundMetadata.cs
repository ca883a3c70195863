namespace Serp.Admin.Integrations.Stripe;

/// <summary>
/// The metadata keys a refund made from the desk carries in Stripe. Stripe's own <c>reason</c> knows only three
/// values, so ours (goodwill, other…) rides here; the translator reads them back from webhooks and reconciliation.
/// </summary>
public static class RefundMetadata
{
    public const string Reason = "serp_reason";
    public const string Note = "serp_note";
    public const string RequestId = "serp_request_id";
    public const string RequestedBy = "requested_by";
}
