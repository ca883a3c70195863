using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serp.Admin.Tests.Fakes.Stripe;

/// <summary>
/// Plays the Stripe API's list endpoints on a free loopback port, in Stripe's wire format, so the production
/// Stripe.net client runs unchanged against it: bearer-key check (401 with Stripe's error body), list envelopes
/// newest first with <c>limit</c>, <c>starting_after</c>, <c>created[gte|gt|lte|lt]</c> and (events)
/// <c>delivery_success</c>; injected 429s; a hold to keep requests waiting; and a record of every request.
/// <c>POST /v1/refunds</c> lives in FakeStripeApi.Refunds.cs.
/// </summary>
public sealed partial class FakeStripeApi : IAsyncDisposable
{
    public const string ApiKey = "sk_test_fake_51Serp0123456789";

    private static readonly string[] ListPaths = ["/v1/checkout/sessions", "/v1/charges", "/v1/refunds", "/v1/disputes", "/v1/events"];

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<StoredObject> objects = [];
    private readonly List<FakeStripeRequest> requests = [];
    private int rateLimitedResponses;
    private RequestHold? hold;
    private long sequence;

    private FakeStripeApi(WebApplication app) => this.app = app;

    /// <summary>The <c>Stripe:ApiBase</c> to configure, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<FakeStripeRequest> Requests
    {
        get
        {
            lock (gate) return [.. requests];
        }
    }

    public IReadOnlyList<FakeStripeRequest> RequestsTo(string path) => [.. Requests.Where(r => r.Path == path)];

    public static async Task<FakeStripeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeStripeApi(app);
        foreach (var path in ListPaths) app.MapGet(path, context => fake.ListAsync(context, path));
        app.MapPost(RefundsPath, fake.CreateRefundAsync);
        app.MapFallback(context => WriteErrorAsync(context, StatusCodes.Status404NotFound, "invalid_request_error",
            $"Unrecognized request URL ({context.Request.Method}: {context.Request.Path})."));
        await app.StartAsync();
        fake.BaseUrl = app.Urls.Single().TrimEnd('/');
        return fake;
    }

    public void AddSession(JsonObject session) => Add("/v1/checkout/sessions", session, delivered: null);
    public void AddCharge(JsonObject charge) => Add("/v1/charges", charge, delivered: null);
    public void AddRefund(JsonObject refund) => Add("/v1/refunds", refund, delivered: null);
    public void AddDispute(JsonObject dispute) => Add("/v1/disputes", dispute, delivered: null);

    /// <summary>An event (full JSON, as <c>StripeEvents</c> builds it) and whether Stripe managed to deliver it.</summary>
    public void AddEvent(string eventJson, bool delivered) =>
        Add("/v1/events", JsonNode.Parse(eventJson)!.AsObject(), delivered);

    /// <summary>The next <paramref name="count"/> requests get 429 with Stripe's rate-limit error.</summary>
    public void RateLimitNext(int count)
    {
        lock (gate) rateLimitedResponses = count;
    }

    /// <summary>Keeps every request waiting until the returned hold is disposed.</summary>
    public RequestHold Hold()
    {
        var newHold = new RequestHold();
        lock (gate) hold = newHold;
        return newHold;
    }

    /// <summary>Forgets objects, requests, injected failures and holds (one fake serves a whole test class).</summary>
    public void Reset()
    {
        lock (gate)
        {
            objects.Clear();
            requests.Clear();
            rateLimitedResponses = 0;
            ResetRefunds();
            hold?.Dispose();
            hold = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Reset();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private void Add(string path, JsonObject obj, bool? delivered)
    {
        var id = (string?)obj["id"] ?? throw new ArgumentException("A Stripe object needs an id.", nameof(obj));
        var created = (long?)obj["created"] ?? throw new ArgumentException("A Stripe object needs created.", nameof(obj));
        lock (gate) objects.Add(new StoredObject(path, id, created, ++sequence, obj.DeepClone().AsObject(), delivered));
    }

    private async Task ListAsync(HttpContext context, string path)
    {
        RequestHold? currentHold;
        lock (gate) currentHold = hold;
        if (currentHold is not null) await currentHold.WaitAsync();

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        context.Response.Headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];
        if (context.Request.Headers.TryGetValue("Stripe-Version", out var version)) context.Response.Headers["Stripe-Version"] = version;

        if (context.Request.Headers.Authorization.ToString() != "Bearer " + ApiKey)
        {
            Record(path, query, StatusCodes.Status401Unauthorized, []);
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "invalid_request_error",
                "Invalid API Key provided: sk_test_****wxyz");
            return;
        }

        bool limited;
        lock (gate)
        {
            limited = rateLimitedResponses > 0;
            if (limited) rateLimitedResponses--;
        }
        if (limited)
        {
            Record(path, query, StatusCodes.Status429TooManyRequests, []);
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate_limit_error",
                "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.", code: "rate_limit");
            return;
        }

        var limit = query.TryGetValue("limit", out var limitText) ? int.Parse(limitText, CultureInfo.InvariantCulture) : 10;
        if (limit is < 1 or > 100)
        {
            Record(path, query, StatusCodes.Status400BadRequest, []);
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request_error",
                "This value must be greater than or equal to 1 and less than or equal to 100.", param: "limit");
            return;
        }

        List<StoredObject> matching;
        lock (gate)
        {
            matching = [.. objects
                .Where(o => o.Path == path && Matches(o, query))
                .OrderByDescending(o => o.Created).ThenByDescending(o => o.Sequence)];
        }

        var start = 0;
        if (query.TryGetValue("starting_after", out var after))
        {
            start = matching.FindIndex(o => o.Id == after) + 1;
            if (start == 0)
            {
                Record(path, query, StatusCodes.Status400BadRequest, []);
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_request_error",
                    $"No such object: '{after}'", param: "starting_after", code: "resource_missing");
                return;
            }
        }

        var page = matching.Skip(start).Take(limit).ToList();
        var hasMore = start + page.Count < matching.Count;
        Record(path, query, StatusCodes.Status200OK, [.. page.Select(o => o.Id)]);
        var body = new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray([.. page.Select(o => o.Json.DeepClone())]),
            ["has_more"] = hasMore,
            ["url"] = path,
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static bool Matches(StoredObject stored, Dictionary<string, string> query)
    {
        static long? At(Dictionary<string, string> q, string key) =>
            q.TryGetValue(key, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : null;

        if (At(query, "created[gte]") is { } gte && stored.Created < gte) return false;
        if (At(query, "created[gt]") is { } gt && stored.Created <= gt) return false;
        if (At(query, "created[lte]") is { } lte && stored.Created > lte) return false;
        if (At(query, "created[lt]") is { } lt && stored.Created >= lt) return false;
        if (At(query, "created") is { } exact && stored.Created != exact) return false;
        if (query.TryGetValue("delivery_success", out var delivery) && stored.Delivered is { } delivered
            && delivered != bool.Parse(delivery)) return false;
        return true;
    }

    private void Record(string path, Dictionary<string, string> query, int status, IReadOnlyList<string> returned)
    {
        lock (gate) requests.Add(new FakeStripeRequest(path, query, status, returned));
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string type, string message, string? param = null, string? code = null)
    {
        var error = new JsonObject { ["message"] = message, ["type"] = type };
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = $"https://stripe.com/docs/error-codes/{code.Replace('_', '-')}";
        }
        if (param is not null) error["param"] = param;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["error"] = error }.ToJsonString());
    }

    private sealed record StoredObject(string Path, string Id, long Created, long Sequence, JsonObject Json, bool? Delivered);
}

/// <summary>A request the fake answered: its path, query (decoded keys such as <c>created[gte]</c>), status and the ids it listed.</summary>
public sealed record FakeStripeRequest(string Path, IReadOnlyDictionary<string, string> Query, int Status, IReadOnlyList<string> ReturnedIds)
{
    public string Method { get; init; } = "GET";
    public string? IdempotencyKey { get; init; }

    public string? this[string parameter] => Query.TryGetValue(parameter, out var value) ? value : null;
}

/// <summary>Requests wait while this is not disposed; <see cref="Arrived"/> completes when the first one is waiting.</summary>
public sealed class RequestHold : IDisposable
{
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Arrived => arrived.Task;

    internal Task WaitAsync()
    {
        arrived.TrySetResult();
        return released.Task;
    }

    public void Dispose() => released.TrySetResult();
}
