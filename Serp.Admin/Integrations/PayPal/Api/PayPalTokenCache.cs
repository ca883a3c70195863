using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Serp.Admin.Integrations.PayPal.Api;

/// <summary>
/// The OAuth2 client-credentials token (<c>POST /v1/oauth2/token</c>, HTTP Basic with <c>PayPal:ClientId</c> and
/// <c>PayPal:ClientSecret</c>), shared by every call of this instance and kept until a minute before it expires
/// (PayPal issues them for about 9 hours). One fetch at a time: a burst of webhooks after a restart asks once.
/// </summary>
public sealed class PayPalTokenCache(IHttpClientFactory httpClients, IOptionsMonitor<PayPalOptions> options, TimeProvider time,
    ILogger<PayPalTokenCache> logger) : IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim gate = new(1, 1);
    private Token? current;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (Usable(current) is { } cached) return cached;
        await gate.WaitAsync(ct);
        try
        {
            if (Usable(current) is { } fetchedMeanwhile) return fetchedMeanwhile;
            current = await FetchAsync(ct);
            return current.Value;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>PayPal refused <paramref name="token"/> (401): forget it so the next call fetches a new one.</summary>
    public void Invalidate(string token)
    {
        var seen = current;
        if (seen?.Value == token) Interlocked.CompareExchange(ref current, null, seen);
    }

    public void Dispose() => gate.Dispose();

    private string? Usable(Token? token) => token is not null && time.GetUtcNow() < token.ExpiresAt - RefreshMargin ? token.Value : null;

    private async Task<Token> FetchAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            throw new PayPalApiException("PayPal is not configured: set PayPal:ClientId, PayPal:ClientSecret and PayPal:WebhookId.", null, isTransient: false);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, PayPalHttp.Url(settings, "/v1/oauth2/token"));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("grant_type", "client_credentials")]);

        var (status, text) = await PayPalHttp.SendRawAsync(httpClients, settings, request, "POST /v1/oauth2/token", logger, ct);
        if (status is 401 or 403 || (status == 400 && text.Contains("invalid_client", StringComparison.Ordinal)))
        {
            throw new PayPalApiException("PayPal refused the client id or secret: check PayPal:ClientId and PayPal:ClientSecret.", status, isTransient: false,
                issue: "invalid_client");
        }
        if (status is < 200 or >= 300) throw PayPalErrors.From(status, text, "POST /v1/oauth2/token");

        var wire = PayPalHttp.Read<WireToken>(text, "POST /v1/oauth2/token");
        if (string.IsNullOrEmpty(wire?.AccessToken) || wire.ExpiresIn <= 0)
        {
            throw new PayPalApiException("PayPal answered the token request without a token.", status, isTransient: true);
        }
        logger.LogInformation("PayPal access token obtained, valid for {Seconds} s", wire.ExpiresIn);
        return new Token(wire.AccessToken, time.GetUtcNow().AddSeconds(wire.ExpiresIn));
    }

    private sealed record Token(string Value, DateTimeOffset ExpiresAt);

    private sealed record WireToken(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);
}
