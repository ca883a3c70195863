using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serp.Admin.Tests.Fakes.Ghl;

/// <summary>
/// Plays GHL API v2 (LeadConnector) for one location on a free loopback port, in the wire format of GHL's OpenAPI
/// specs: the <c>Version</c> header (400 without it), the bearer token (401), the location (403 for another one), body
/// shapes (400 / 422 with GHL's error JSON), contacts unique by email with tags and custom field values, custom fields,
/// pipelines, workflows, opportunities unique per contact and pipeline, workflow enrolments; a rolling burst limit
/// (429) with the <c>X-RateLimit-*</c> headers on every answer; injected 500s, hangs and dropped connections; and a
/// record of every request. Seeded (see FakeGhlApi.Location.cs) so a sync can start at once.
/// Endpoints live in FakeGhlApi.Contacts.cs and FakeGhlApi.Location.cs.
/// </summary>
public sealed partial class FakeGhlApi : IAsyncDisposable
{
    public const string Token = "pit-fake-0123456789abcdef";
    public const string LocationId = "loc-fake-serp-0001";
    public const string ApiVersion = "2021-07-28";

    private readonly WebApplication app;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly List<FakeGhlRequest> requests = [];
    private readonly Queue<DateTimeOffset> window = new();
    private readonly InjectedFaults<FakeGhlFault> faults = new();
    private int dailyCount;
    private int rateLimitedResponses;
    private TimeSpan? rateLimitRetryAfter;

    private FakeGhlApi(WebApplication app, TimeProvider time)
    {
        this.app = app;
        this.time = time;
        Seed();
    }

    /// <summary>The <c>Ghl:BaseUrl</c> to configure, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Requests accepted per <see cref="BurstWindow"/> before 429s (GHL: 100 per 10 s).</summary>
    public int BurstLimit { get; set; } = 100;

    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests accepted per day (GHL: 200,000); only the header and a 429 past it.</summary>
    public int DailyLimit { get; set; } = 200_000;

    /// <summary>How long an injected hang keeps the request open (longer than any client timeout in the tests).</summary>
    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether a burst-limit 429 carries <c>Retry-After</c> (seconds until the window has room); GHL's carry only the X-RateLimit-* headers.</summary>
    public bool SendRetryAfterOnBurst { get; set; }

    public IReadOnlyList<FakeGhlRequest> Requests
    {
        get
        {
            lock (gate) return [.. requests];
        }
    }

    public IReadOnlyList<FakeGhlRequest> RequestsTo(string method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    /// <summary>Configuration for an app (e.g. <c>AdminAppFactory</c>) that talks to this fake.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Ghl:BaseUrl"] = BaseUrl,
        ["Ghl:Token"] = Token,
        ["Ghl:LocationId"] = LocationId,
    };

    public static async Task<FakeGhlApi> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeGhlApi(app, time ?? TimeProvider.System);
        app.Use(fake.GatewayAsync);
        fake.MapContacts(app);
        fake.MapLocation(app);
        app.MapFallback(context => WriteErrorAsync(context, StatusCodes.Status404NotFound,
            $"Cannot {context.Request.Method} {context.Request.Path}", "Not Found"));
        await app.StartAsync();
        fake.BaseUrl = app.Urls.Single().TrimEnd('/');
        return fake;
    }

    /// <summary>
    /// The next <paramref name="count"/> requests (to paths starting with <paramref name="pathPrefix"/>, when given)
    /// fail this way.
    /// </summary>
    public void Fail(FakeGhlFault fault, int count, string? pathPrefix = null)
    {
        faults.Add(fault, count, pathPrefix);
    }

    /// <summary>The next <paramref name="count"/> requests get 429, with <c>Retry-After</c> when given.</summary>
    public void RateLimitNext(int count, TimeSpan? retryAfter = null)
    {
        lock (gate)
        {
            rateLimitedResponses = count;
            rateLimitRetryAfter = retryAfter;
        }
    }

    /// <summary>Forgets requests, data, limits' counters and injected faults, and seeds again (one fake per test class).</summary>
    public void Reset()
    {
        lock (gate)
        {
            requests.Clear();
            window.Clear();
            faults.Reset();
            dailyCount = 0;
            rateLimitedResponses = 0;
            ResetData();
        }
        Seed();
    }

    public async ValueTask DisposeAsync()
    {
        await faults.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>What every request goes through before its endpoint: record, limits, faults, headers, auth.</summary>
    private async Task GatewayAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        request.EnableBuffering();
        var body = await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        request.Body.Position = 0;
        context.Items[BodyKey] = body;

        var at = time.GetUtcNow();
        var (limited, retryAfter, remaining, dailyRemaining, fault) = Admit(request.Path.Value ?? "", at);
        var headers = context.Response.Headers;
        headers["X-RateLimit-Max"] = BurstLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Interval-Milliseconds"] = ((long)BurstWindow.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Limit-Daily"] = DailyLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Daily-Remaining"] = dailyRemaining.ToString(CultureInfo.InvariantCulture);

        int? status = null;
        try
        {
            if (limited)
            {
                if (retryAfter is { } wait) headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", "Too Many Requests");
            }
            else if (fault == FakeGhlFault.ServerError)
            {
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "Internal server error", "Internal Server Error");
            }
            else if (fault == FakeGhlFault.Drop)
            {
                context.Abort();
                return;
            }
            else if (fault == FakeGhlFault.Hang)
            {
                await faults.HangAsync(context, HangFor);
                return;
            }
            else if (request.Headers["Version"].ToString() != ApiVersion)
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "Version header was not found", "Bad Request");
            }
            else if (request.Headers.Authorization.ToString() != "Bearer " + Token)
            {
                await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "Invalid token: access token is invalid", "Unauthorized");
            }
            else
            {
                await next(context);
            }
            status = context.Response.StatusCode;
        }
        finally
        {
            var seen = RecordedHeaders.Where(h => request.Headers.ContainsKey(h)).ToDictionary(h => h, h => request.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase);
            lock (gate) requests.Add(new FakeGhlRequest(at, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", status, body, seen));
        }
    }

    private (bool Limited, TimeSpan? RetryAfter, int Remaining, int DailyRemaining, FakeGhlFault Fault) Admit(string path, DateTimeOffset at)
    {
        lock (gate)
        {
            while (window.Count > 0 && window.Peek() <= at - BurstWindow) window.Dequeue();
            if (rateLimitedResponses > 0)
            {
                rateLimitedResponses--;
                return (true, rateLimitRetryAfter, Math.Max(0, BurstLimit - window.Count), DailyLimit - dailyCount, FakeGhlFault.None);
            }
            if (window.Count >= BurstLimit || dailyCount >= DailyLimit)
            {
                TimeSpan? wait = SendRetryAfterOnBurst && window.Count > 0 ? window.Peek() + BurstWindow - at : null;
                return (true, wait, 0, Math.Max(0, DailyLimit - dailyCount), FakeGhlFault.None);
            }
            window.Enqueue(at);
            dailyCount++;

            return (false, null, BurstLimit - window.Count, DailyLimit - dailyCount, faults.Take(path));
        }
    }

    private static readonly string[] RecordedHeaders = ["Authorization", "Version", "Accept", "Content-Type"];

    private const string BodyKey = "fake-ghl-body";

    private static string BodyOf(HttpContext context) => (string?)context.Items[BodyKey] ?? "";

    /// <summary>GHL's (NestJS) error body: <c>{statusCode, message, error}</c>; 422 lists its messages.</summary>
    private static Task WriteErrorAsync(HttpContext context, int status, string message, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        JsonNode text = status == StatusCodes.Status422UnprocessableEntity ? new JsonArray(message) : message;
        return context.Response.WriteAsync(new JsonObject { ["statusCode"] = status, ["message"] = text, ["error"] = error }.ToJsonString());
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

}

/// <summary>How injected failures look to the client.</summary>
public enum FakeGhlFault
{
    None,
    /// <summary>500 with GHL's error body.</summary>
    ServerError,
    /// <summary>No answer for <see cref="FakeGhlApi.HangFor"/> (longer than the client's timeout), then the connection closes.</summary>
    Hang,
    /// <summary>The connection is dropped without an answer.</summary>
    Drop,
}

/// <summary>
/// A request the fake received: when, method, path, query, status (null when hung or dropped), the raw body, and the
/// <c>Authorization</c>, <c>Version</c>, <c>Accept</c> and <c>Content-Type</c> headers it carried.
/// </summary>
public sealed record FakeGhlRequest(DateTimeOffset At, string Method, string Path, string Query, int? Status, string Body,
    IReadOnlyDictionary<string, string> Headers);
