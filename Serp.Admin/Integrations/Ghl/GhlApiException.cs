namespace Serp.Admin.Integrations.Ghl;

/// <summary>
/// A GHL call that failed: <see cref="StatusCode"/> is null for a timeout or a dropped connection.
/// <see cref="IsTransient"/> (timeouts, connection errors, 429, 5xx) means retry later; otherwise the request itself is wrong
/// (401 bad token, 400 body, 404). The message is plain words for the /ghl page: no token, no customer data.
/// </summary>
public sealed class GhlApiException(string message, int? statusCode, bool isTransient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
    public bool IsTransient { get; } = isTransient;
    /// <summary>From <c>Retry-After</c> or the rate-limit headers, when GHL said how long to wait.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
