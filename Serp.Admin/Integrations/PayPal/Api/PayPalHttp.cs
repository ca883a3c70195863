using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Serp.Admin.Integrations.PayPal.Api;

/// <summary>
/// One authenticated PayPal request: the cached bearer token (fetched again once after a 401), the per-request
/// <c>PayPal:Timeout</c>, and every failure turned into a <see cref="PayPalApiException"/>. Nothing is retried here
/// beyond that 401: webhook verification answers 503 so PayPal redelivers, captures and refunds carry
/// <c>PayPal-Request-Id</c> so the caller's retry is safe.
/// </summary>
public sealed class PayPalHttp(IHttpClientFactory httpClients, PayPalTokenCache tokens, IOptionsMonitor<PayPalOptions> options,
    ILogger<PayPalHttp> logger)
{
    public const string HttpClientName = "PayPal";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sends the request built by <paramref name="build"/> (called again for the retry after a 401) and returns the body text.</summary>
    public async Task<string> SendAsync(Func<HttpRequestMessage> build, string operation, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetAsync(ct);
            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var (status, text) = await SendRawAsync(httpClients, settings, request, operation, logger, ct);
            if (status == 401 && attempt == 1)
            {
                tokens.Invalidate(token);
                continue;
            }
            if (status is >= 200 and < 300) return text;
            throw PayPalErrors.From(status, text, operation);
        }
    }

    internal static Uri Url(PayPalOptions settings, string pathAndQuery) => new(settings.ApiBase.TrimEnd('/') + pathAndQuery);

    /// <summary>Sends once with the timeout; a timeout or a connection failure is a transient <see cref="PayPalApiException"/>.</summary>
    internal static async Task<(int Status, string Text)> SendRawAsync(IHttpClientFactory httpClients, PayPalOptions settings, HttpRequestMessage request,
        string operation, ILogger logger, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            logger.LogDebug("PayPal {Operation} answered {Status}", operation, (int)response.StatusCode);
            return ((int)response.StatusCode, text);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("PayPal {Operation} timed out after {Timeout}", operation, settings.Timeout);
            throw new PayPalApiException($"PayPal did not answer {operation} within {settings.Timeout.TotalSeconds:0.#} s.", null, isTransient: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("PayPal {Operation} failed: {Error}", operation, ex.HttpRequestError);
            throw new PayPalApiException($"PayPal could not be reached for {operation} ({ex.HttpRequestError}).", null, isTransient: true, inner: ex);
        }
    }

    internal static T Read<T>(string text, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new PayPalApiException($"PayPal answered {operation} with a body the app cannot read.", 200, isTransient: false, inner: ex);
        }
    }
}
