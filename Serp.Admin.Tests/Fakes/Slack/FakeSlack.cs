using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serp.Admin.Tests.Fakes.Slack;

/// <summary>
/// Plays a Slack incoming webhook on a free loopback port, as Slack's documentation describes it: <c>POST</c> of a
/// JSON body with <c>text</c> to the hook's path answers 200 with the plain text <c>ok</c>; a body that is not JSON
/// with text answers 400 <c>invalid_payload</c> / <c>no_text</c>, another path 404 <c>no_service</c>. Outages are
/// injected as 500 <c>rollup_error</c> or a dropped connection. Every accepted message is recorded.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private const string HookPath = "/services/T0FAKE/B0FAKE/fakeSecret0123";
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<string> messages = [];
    private int failNext;
    private bool drop;

    private FakeSlack(WebApplication app) => this.app = app;

    /// <summary>The <c>Alerts:SlackWebhookUrl</c> to configure.</summary>
    public string WebhookUrl { get; private set; } = "";

    public int FailedRequests { get; private set; }

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (gate) return [.. messages];
        }
    }

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.MapPost(HookPath, fake.ReceiveAsync);
        app.MapFallback(context => Plain(context, StatusCodes.Status404NotFound, "no_service"));
        await app.StartAsync();
        fake.WebhookUrl = app.Urls.Single().TrimEnd('/') + HookPath;
        return fake;
    }

    /// <summary>The next <paramref name="count"/> messages fail (500 <c>rollup_error</c>, or a dropped connection).</summary>
    public void FailNext(int count, bool dropConnection = false)
    {
        lock (gate)
        {
            failNext = count;
            drop = dropConnection;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            messages.Clear();
            failNext = 0;
            FailedRequests = 0;
        }
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        bool fail, dropIt;
        lock (gate)
        {
            fail = failNext > 0;
            dropIt = drop;
            if (fail)
            {
                failNext--;
                FailedRequests++;
            }
        }
        if (fail && dropIt)
        {
            context.Abort();
            return;
        }
        if (fail)
        {
            await Plain(context, StatusCodes.Status500InternalServerError, "rollup_error");
            return;
        }

        string? text;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            text = body.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException)
        {
            await Plain(context, StatusCodes.Status400BadRequest, "invalid_payload");
            return;
        }
        if (string.IsNullOrEmpty(text))
        {
            await Plain(context, StatusCodes.Status400BadRequest, "no_text");
            return;
        }
        lock (gate) messages.Add(text);
        await Plain(context, StatusCodes.Status200OK, "ok");
    }

    private static Task Plain(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
