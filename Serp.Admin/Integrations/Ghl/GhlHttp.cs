using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Serp.Admin.Integrations.Ghl;

/// <summary>
/// One GHL request: headers, the per-request <c>Ghl:Timeout</c>, the entry in the <see cref="GhlCallLog"/>, and the
/// translation of every failure into a <see cref="GhlApiException"/>, each attempt after the shared
/// <see cref="GhlRequestBudget"/> allowed it. Only 429s are retried here (every instance pauses); other failures go to
/// the caller (the worker's backoff): a hidden retry handler would spend budget nobody counted.
/// </summary>
public sealed class GhlHttp(IHttpClientFactory httpClients, GhlRequestBudget budget, IOptionsMonitor<GhlOptions> options, TimeProvider time,
    ILogger<GhlHttp> logger)
{
    public const string HttpClientName = "Ghl";
    public const string ApiVersion = "2021-07-28";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>How often a call answered 429 is tried again, and for how long at most, before the 429 reaches the caller.</summary>
    public const int RateLimitRetries = 3;

    public static readonly TimeSpan RateLimitPatience = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Sends the request once the shared budget allows it and reads the JSON answer as <typeparamref name="T"/>; with
    /// <paramref name="nullOn404"/> a 404 returns null instead of throwing. A 429 pauses every instance and is tried
    /// again (<see cref="RateLimitRetries"/> times within <see cref="RateLimitPatience"/>); nothing else is retried here.
    /// </summary>
    public async Task<T?> SendAsync<T>(HttpMethod method, string path, string? query, object? body, GhlCallLog? log, bool nullOn404, CancellationToken ct)
        where T : class
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
        {
            throw new GhlApiException("GHL is not configured: set Ghl:Token and Ghl:LocationId.", null, isTransient: false);
        }

        var started = time.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var lease = await budget.AcquireAsync(ct);
                return await SendOnceAsync<T>(settings, method, path, query, body, log, nullOn404, ct);
            }
            catch (GhlApiException ex) when (ex.StatusCode == 429 && attempt <= RateLimitRetries
                                             && time.GetElapsedTime(started) + (ex.RetryAfter ?? DefaultPause) <= RateLimitPatience)
            {
                // SendOnceAsync paused every instance; the next AcquireAsync waits the pause out.
            }
        }
    }

    private async Task<T?> SendOnceAsync<T>(GhlOptions settings, HttpMethod method, string path, string? query, object? body, GhlCallLog? log,
        bool nullOn404, CancellationToken ct)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(settings.BaseUrl.TrimEnd('/') + path + query));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        request.Headers.Add("Version", ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), Json), Encoding.UTF8, "application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        var started = time.GetTimestamp();
        int? status = null;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            Record(log, method, path, status, started);
            await HonourLimitsAsync(response, ct);

            if (response.IsSuccessStatusCode) return Read<T>(text, method, path);
            if (response.StatusCode == HttpStatusCode.NotFound && nullOn404) return null;
            throw Failure(response, text, method, path);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            Record(log, method, path, status, started);
            logger.LogWarning("GHL {Method} {Path} timed out after {Timeout}", method, path, settings.Timeout);
            throw new GhlApiException($"GHL did not answer {method} {path} within {settings.Timeout.TotalSeconds:0.#} s.", null,
                isTransient: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            Record(log, method, path, status, started);
            logger.LogWarning("GHL {Method} {Path} failed: {Error}", method, path, ex.HttpRequestError);
            throw new GhlApiException($"GHL could not be reached for {method} {path} ({Describe(ex.HttpRequestError)}).", null,
                isTransient: true, inner: ex);
        }
    }

    /// <summary>A 429, or headers saying the burst or the day is used up, pause every instance until GHL has room again.</summary>
    private async Task HonourLimitsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var interval = GhlRateLimitHeaders.Number(response, GhlRateLimitHeaders.IntervalMilliseconds) is { } ms ? TimeSpan.FromMilliseconds(ms) : DefaultPause;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            await budget.PauseAsync(GhlRateLimitHeaders.RetryAfter(response, time.GetUtcNow()) ?? interval, "GHL answered 429", ct);
        }
        else if (GhlRateLimitHeaders.Number(response, GhlRateLimitHeaders.Remaining) == 0)
        {
            await budget.PauseAsync(interval, "GHL's X-RateLimit-Remaining reached 0", ct);
        }
        if (GhlRateLimitHeaders.Number(response, GhlRateLimitHeaders.DailyRemaining) == 0)
        {
            var now = time.GetUtcNow();
            await budget.PauseAsync(now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime, "GHL's X-RateLimit-Daily-Remaining reached 0", ct);
        }
    }

    private void Record(GhlCallLog? log, HttpMethod method, string path, int? status, long started)
    {
        var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
        logger.LogDebug("GHL {Method} {Path} answered {Status} in {ElapsedMs} ms", method, path, status, elapsed);
        log?.Add(new GhlCall(method.Method, path, status, elapsed));
        GhlMetrics.Request(status);
    }

    private static T? Read<T>(string text, HttpMethod method, string path)
        where T : class
    {
        if (typeof(T) == typeof(object) || text.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException ex)
        {
            throw new GhlApiException($"GHL answered {method} {path} with a body the app cannot read.", 200, isTransient: false, inner: ex);
        }
    }

    private GhlApiException Failure(HttpResponseMessage response, string text, HttpMethod method, string path)
    {
        var status = (int)response.StatusCode;
        var detail = GhlErrorText.From(text);
        var retryAfter = GhlRateLimitHeaders.RetryAfter(response, time.GetUtcNow());
        logger.LogWarning("GHL {Method} {Path} answered {Status}: {Detail}", method, path, status, detail);
        var (message, transient) = status switch
        {
            401 => ("GHL refused the token (401): check Ghl:Token.", false),
            403 => ($"GHL refused access (403): the token lacks a scope or belongs to another location than Ghl:LocationId. {detail}", false),
            404 => ($"GHL found nothing at {method} {path} (404).", false),
            408 => ($"GHL timed out on {method} {path} (408).", true),
            429 => ($"GHL's rate limit was reached (429); retry after {(retryAfter ?? TimeSpan.FromSeconds(10)).TotalSeconds:0.#} s.", true),
            >= 500 => ($"GHL had a server error on {method} {path} ({status}).", true),
            _ => ($"GHL rejected {method} {path} ({status}): {detail}", false),
        };
        return new GhlApiException(message.TrimEnd(), status, transient, retryAfter);
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name did not resolve",
        HttpRequestError.ConnectionError => "the connection failed",
        HttpRequestError.ResponseEnded => "the connection was dropped before an answer",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        _ => "the request failed: " + error.ToString(),
    };
}

/// <summary>GHL's error <c>message</c> (a string or a list) in plain text, with anything that looks like an email masked.</summary>
internal static partial class GhlErrorText
{
    public static string From(string body)
    {
        string? message = null;
        try
        {
            var error = JsonSerializer.Deserialize<WireError>(body, GhlHttp.Json);
            message = error is null ? null : WireValue.AsText(error.Message) ?? error.Error;
        }
        catch (JsonException)
        {
            // Not GHL's JSON (a proxy's HTML page, say): nothing worth showing.
        }
        if (string.IsNullOrWhiteSpace(message)) return "no reason given";
        message = Email().Replace(message, "(email)");
        return message.Length > 300 ? message[..300] + "…" : message;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s@""']+@[^\s@""']+")]
    private static partial System.Text.RegularExpressions.Regex Email();
}

/// <summary>How long GHL asks to wait: <c>Retry-After</c> (seconds or a date), else the rate-limit interval on a 429.</summary>
internal static class GhlRateLimitHeaders
{
    public const string Remaining = "X-RateLimit-Remaining";
    public const string Max = "X-RateLimit-Max";
    public const string IntervalMilliseconds = "X-RateLimit-Interval-Milliseconds";
    public const string DailyRemaining = "X-RateLimit-Daily-Remaining";

    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retry)
        {
            if (retry.Delta is { } delta) return delta;
            if (retry.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        }
        if (response.StatusCode == HttpStatusCode.TooManyRequests && Number(response, IntervalMilliseconds) is { } ms)
        {
            return TimeSpan.FromMilliseconds(ms);
        }
        return null;
    }

    public static long? Number(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
