namespace Serp.Admin.Features.Refunds;

/// <summary>
/// Why staff refund, as stored in <c>refunds.reason</c>. The first three are Stripe's own reasons (sent as
/// <c>reason</c>); goodwill and other go without one and ride in the refund's metadata.
/// </summary>
public static class RefundReasons
{
    public const string Duplicate = "duplicate";
    public const string RequestedByCustomer = "requested_by_customer";
    public const string Fraudulent = "fraudulent";
    public const string Goodwill = "goodwill";
    public const string Other = "other";

    /// <summary>Stripe metadata values hold at most 500 characters.</summary>
    public const int NoteMaxLength = 500;

    public static IReadOnlyList<string> All { get; } = [Duplicate, RequestedByCustomer, Fraudulent, Goodwill, Other];

    public static string Label(string? reason) => reason switch
    {
        Duplicate => "Duplicate",
        RequestedByCustomer => "Requested by customer",
        Fraudulent => "Fraudulent",
        Goodwill => "Goodwill",
        Other => "Other",
        null or "" => "—",
        _ => reason.Replace('_', ' '),
    };
}
