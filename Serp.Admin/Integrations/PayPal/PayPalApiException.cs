namespace Serp.Admin.Integrations.PayPal;

/// <summary>
/// A PayPal call that failed: <see cref="StatusCode"/> is null for a timeout or a dropped connection.
/// <see cref="IsTransient"/> (timeouts, connection errors, 429, 5xx) means retry later; otherwise the request itself is
/// wrong. <see cref="Issue"/> is PayPal's error name or first detail issue (e.g. <c>CAPTURE_FULLY_REFUNDED</c>);
/// the message is plain words for operators, never a credential.
/// </summary>
public sealed class PayPalApiException(string message, int? statusCode, bool isTransient, string? issue = null, string? debugId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
    public bool IsTransient { get; } = isTransient;
    public string? Issue { get; } = issue;
    public string? DebugId { get; } = debugId;
}
