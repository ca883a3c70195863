using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serp.Admin.Integrations.PayPal.Api;

/// <summary>
/// PayPal's error JSON (<c>name</c>, <c>message</c>, <c>details[].issue</c> / <c>description</c>, <c>debug_id</c>; or
/// OAuth's <c>error</c> / <c>error_description</c>) in plain words for operators.
/// </summary>
internal static class PayPalErrors
{
    public static PayPalApiException From(int status, string body, string operation)
    {
        var wire = TryRead(body);
        var first = wire?.Details is { Count: > 0 } details ? details[0] : null;
        var issue = first?.Issue ?? wire?.Name ?? wire?.Error;
        var detail = first?.Description ?? wire?.Message ?? wire?.ErrorDescription;
        var reason = detail is { Length: > 0 } ? $": {Trim(detail)}" : "";
        var code = issue is { Length: > 0 } ? $" [{issue}]" : "";
        var (message, transient) = status switch
        {
            401 => ("PayPal refused the access token twice (401): check PayPal:ClientId and PayPal:ClientSecret.", false),
            403 => ($"PayPal refused {operation} (403): the app lacks the permission{reason}", false),
            404 => ($"PayPal found nothing for {operation} (404){reason}", false),
            408 => ($"PayPal timed out on {operation} (408).", true),
            429 => ($"PayPal's rate limit was reached on {operation} (429); try again shortly.", true),
            >= 500 => ($"PayPal had a server error on {operation} ({status}).", true),
            _ => ($"PayPal rejected {operation} ({status}){code}{reason}", false),
        };
        return new PayPalApiException(message.TrimEnd(), status, transient, issue, wire?.DebugId);
    }

    private static WireError? TryRead(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<WireError>(body, PayPalHttp.Json);
        }
        catch (JsonException)
        {
            return null; // a proxy's HTML page, say: nothing worth showing
        }
    }

    private static string Trim(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private sealed record WireError(
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("message")] string? Message,
        [property: JsonPropertyName("debug_id")] string? DebugId,
        [property: JsonPropertyName("details")] IReadOnlyList<WireDetail>? Details,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);

    private sealed record WireDetail(
        [property: JsonPropertyName("issue")] string? Issue,
        [property: JsonPropertyName("description")] string? Description);
}
