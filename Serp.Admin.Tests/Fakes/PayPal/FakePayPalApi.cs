using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serp.Admin.Tests.Fakes.PayPal;

/// <summary>
/// Plays PayPal's REST API on a free loopback port, in the wire format of PayPal's published OpenAPI specifications:
/// the OAuth2 client-credentials token (HTTP Basic, with an expiry on the fake's clock; 401 <c>invalid_token</c> after
/// it), <c>verify-webhook-signature</c> that answers <c>SUCCESS</c> only for the exact bytes <see cref="Sign"/> signed
/// (FakePayPalApi.Webhooks.cs), orders, captures and refunds honouring <c>PayPal-Request-Id</c>
/// (FakePayPalApi.Payments.cs), the webhook-events listing, injected faults (500, 503, 429, hangs, dropped
/// connections) and a record of every request.
/// </summary>
public sealed partial class FakePayPalApi : IAsyncDisposable
{
    public const string ClientId = "fake-paypal-client-id";
    public const string ClientSecret = "fake-paypal-client-secret";
    public const string WebhookId = "WH-FAKE-0123456789";

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly List<FakePayPalRequest> requests = [];
    private readonly InjectedFaults<FakePayPalFault> faults = new();
    private readonly Dictionary<string, DateTimeOffset> tokens = new(StringComparer.Ordinal);
    private int tokensIssued;
    private int debugIds;

    private FakePayPalApi(WebApplication app, TimeProvider time)
    {
        this.app = app;
        this.time = time;
    }

    /// <summary>The <c>PayPal:ApiBase</c> to configure, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The <c>expires_in</c> of new tokens (PayPal: about 9 hours).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(32_400);

    /// <summary>How long an injected hang keeps the request open (longer than any client timeout in the tests).</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(60);

    public int TokensIssued
    {
        get
        {
            lock (gate) return tokensIssued;
        }
    }

    public IReadOnlyList<FakePayPalRequest> Requests
    {
        get
        {
            lock (gate) return [.. requests];
        }
    }

    public IReadOnlyList<FakePayPalRequest> RequestsTo(string method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    /// <summary>Configuration for an app that talks to this fake.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["PayPal:ApiBase"] = BaseUrl,
        ["PayPal:ClientId"] = ClientId,
        ["PayPal:ClientSecret"] = ClientSecret,
        ["PayPal:WebhookId"] = WebhookId,
    };

    public static async Task<FakePayPalApi> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakePayPalApi(app, time ?? TimeProvider.System);
        app.Use(fake.GatewayAsync);
        app.MapPost("/v1/oauth2/token", fake.IssueTokenAsync);
        fake.MapWebhooks(app);
        fake.MapPayments(app);
        app.MapFallback(context => fake.WriteErrorAsync(context, StatusCodes.Status404NotFound, "RESOURCE_NOT_FOUND",
            "The specified resource does not exist.", "INVALID_RESOURCE_ID", "Specified resource ID does not exist. Please check the resource ID and try again."));
        await app.StartAsync();
        fake.BaseUrl = app.Urls.Single().TrimEnd('/');
        return fake;
    }

    /// <summary>The next <paramref name="count"/> requests (to paths starting with <paramref name="pathPrefix"/>, when given) fail this way.</summary>
    public void Fail(FakePayPalFault fault, int count, string? pathPrefix = null)
    {
        faults.Add(fault, count, pathPrefix);
    }

    /// <summary>Every token issued so far is expired: the next call with one gets 401 <c>invalid_token</c>.</summary>
    public void ExpireTokens()
    {
        lock (gate)
        {
            foreach (var token in tokens.Keys.ToList()) tokens[token] = DateTimeOffset.MinValue;
        }
    }

    /// <summary>Forgets requests, tokens, faults and data (one fake per test class, reset per test).</summary>
    public void Reset()
    {
        lock (gate)
        {
            requests.Clear();
            faults.Reset();
            tokens.Clear();
            tokensIssued = 0;
            ResetData();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await faults.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>What every request goes through before its endpoint: record, faults, bearer token (except the token endpoint).</summary>
    private async Task GatewayAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        context.Items[BodyKey] = body;

        var at = time.GetUtcNow();
        var path = request.Path.Value ?? "";
        var fault = faults.Take(path);
        int? status = null;
        try
        {
            switch (fault)
            {
                case FakePayPalFault.ServerError:
                    await WriteErrorAsync(context, 500, "INTERNAL_SERVER_ERROR", "An internal server error occurred.");
                    break;
                case FakePayPalFault.Unavailable:
                    await WriteErrorAsync(context, 503, "SERVICE_UNAVAILABLE", "Service Unavailable.");
                    break;
                case FakePayPalFault.RateLimit:
                    await WriteErrorAsync(context, 429, "RATE_LIMIT_REACHED", "Too many requests. Blocked due to rate limiting.");
                    break;
                case FakePayPalFault.Drop:
                    context.Abort();
                    return;
                case FakePayPalFault.Hang:
                    await faults.HangAsync(context, HangFor);
                    return;
                default:
                    if (path != "/v1/oauth2/token" && BearerProblem(request.Headers.Authorization.ToString(), at) is { } problem)
                    {
                        context.Response.StatusCode = 401;
                        context.Response.ContentType = "application/json";
                        await context.Response.WriteAsync(new JsonObject { ["error"] = "invalid_token", ["error_description"] = problem }.ToJsonString());
                    }
                    else
                    {
                        await next(context);
                    }
                    break;
            }
            status = context.Response.StatusCode;
        }
        finally
        {
            var seen = RecordedHeaders.Where(h => request.Headers.ContainsKey(h)).ToDictionary(h => h, h => request.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase);
            lock (gate) requests.Add(new FakePayPalRequest(at, request.Method, path, request.QueryString.Value ?? "", status, Encoding.UTF8.GetString(body), seen));
        }
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            context.Response.StatusCode = 401;
            await WriteJsonAsync(context, 401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Client Authentication failed" });
            return;
        }
        var form = Encoding.UTF8.GetString(BodyOf(context));
        if (!form.Split('&').Contains("grant_type=client_credentials", StringComparer.Ordinal))
        {
            await WriteJsonAsync(context, 400, new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "Grant Type is NULL" });
            return;
        }
        string token;
        lock (gate)
        {
            tokensIssued++;
            token = $"A21AA-fake-{tokensIssued}-{Guid.NewGuid():N}";
            tokens[token] = time.GetUtcNow() + TokenLifetime;
        }
        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["scope"] = "https://uri.paypal.com/services/payments/refund https://uri.paypal.com/services/applications/webhooks",
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["app_id"] = "APP-80W284485P519543T",
            ["expires_in"] = (long)TokenLifetime.TotalSeconds,
            ["nonce"] = $"{time.GetUtcNow():O}fake",
        });
    }

    private string? BearerProblem(string authorization, DateTimeOffset at)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)) return "Authentication failed due to missing authorization header.";
        lock (gate)
        {
            if (!tokens.TryGetValue(authorization["Bearer ".Length..], out var expires)) return "Token signature verification failed";
            return at >= expires ? "The token passed in was found to be expired" : null;
        }
    }

    private static readonly string[] RecordedHeaders = ["Authorization", "Content-Type", "PayPal-Request-Id", "Prefer"];

    private const string BodyKey = "fake-paypal-body";

    private static byte[] BodyOf(HttpContext context) => (byte[]?)context.Items[BodyKey] ?? [];

    /// <summary>PayPal's error body: <c>{name, message, debug_id, details: [{issue, description}]}</c>.</summary>
    private Task WriteErrorAsync(HttpContext context, int status, string name, string message, string? issue = null, string? description = null)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["message"] = message,
            ["debug_id"] = "f" + Interlocked.Increment(ref debugIds).ToString("x8", CultureInfo.InvariantCulture),
        };
        if (issue is not null) body["details"] = new JsonArray(new JsonObject { ["issue"] = issue, ["description"] = description ?? message });
        return WriteJsonAsync(context, status, body);
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

}

/// <summary>How injected failures look to the client.</summary>
public enum FakePayPalFault
{
    None,
    /// <summary>500 with PayPal's error body.</summary>
    ServerError,
    /// <summary>503 <c>SERVICE_UNAVAILABLE</c>.</summary>
    Unavailable,
    /// <summary>429 <c>RATE_LIMIT_REACHED</c>.</summary>
    RateLimit,
    /// <summary>No answer for <see cref="FakePayPalApi.HangFor"/>, then the connection closes.</summary>
    Hang,
    /// <summary>The connection is dropped without an answer.</summary>
    Drop,
}

/// <summary>A request the fake received: when, method, path, query, status (null when hung or dropped), the raw body and some headers.</summary>
public sealed record FakePayPalRequest(DateTimeOffset At, string Method, string Path, string Query, int? Status, string Body,
    IReadOnlyDictionary<string, string> Headers);
