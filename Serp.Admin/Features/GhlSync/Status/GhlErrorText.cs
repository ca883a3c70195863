namespace Serp.Admin.Features.GhlSync.Status;

/// <summary>
/// What a failed sync means for an operator, from the last HTTP status GHL answered (null: no answer at all).
/// The stored error (the client's own words) is shown beside it.
/// </summary>
public static class GhlErrorText
{
    public static string Explain(int? httpStatus, string? lastError) => httpStatus switch
    {
        null when string.IsNullOrWhiteSpace(lastError) => "No error recorded.",
        null => "GHL did not answer (timeout or dropped connection); the sync retries.",
        400 or 422 => "GHL refused the data we sent (a field or tag it does not accept).",
        401 => "GHL refused the token: check Ghl:Token (a Private Integration token of this location).",
        403 => "The token may not do this: check the integration's scopes and Ghl:LocationId.",
        404 => "GHL does not know the contact, field or pipeline (deleted in GHL?); a resync looks it up again.",
        429 => "GHL's rate limit was reached; the sync waits and retries.",
        >= 500 => "GHL had a server error; the sync retries.",
        _ => $"GHL answered HTTP {httpStatus}.",
    };
}
