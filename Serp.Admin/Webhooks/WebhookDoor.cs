using Microsoft.AspNetCore.Http.HttpResults;
using Serp.Admin.Webhooks.Inbox;

namespace Serp.Admin.Webhooks;

/// <summary>
/// The provider-neutral webhook door: raw body (1 MiB), configured or 503, the provider's verification, then store
/// and answer. Processing happens later in the background, so the provider gets its answer in milliseconds; nothing
/// unverified is stored and nothing unstored is acknowledged. A provider supplies only its <see cref="IWebhookVerifier"/>
/// (registered as an <c>IWebhookVerifier</c> singleton).
/// </summary>
internal static class WebhookDoor
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The whole answer, verification included, within this: a provider that waits longer gives up and counts a
    /// failure, while a 503 makes it retry (PayPal's verification is an HTTP call that can hang).
    /// </summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    /// <summary>Maps <c>POST {path}</c> to the door of <paramref name="provider"/>, rate-limited per provider and address.</summary>
    public static RouteHandlerBuilder MapWebhookDoor(this IEndpointRouteBuilder app, string path, string provider)
    {
        // Fails at start-up, not at the first delivery, when no verifier was registered for the provider.
        app.ServiceProvider.GetRequiredService<WebhookVerifiers>().Get(provider);
        return app.MapPost(path, (HttpRequest request, CancellationToken ct) => ReceiveAsync(request, provider, ct))
            .WithMetadata(new WebhookDoorProvider(provider))
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(WebhookRateLimits.Policy);
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, string provider, CancellationToken ct)
    {
        var services = request.HttpContext.RequestServices;
        var verifier = services.GetRequiredService<WebhookVerifiers>().Get(provider);
        var metrics = services.GetRequiredService<WebhookMetrics>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebhookDoor));
        if (!verifier.IsConfigured)
        {
            logger.LogError("A {Provider} webhook arrived but {Provider} webhooks are not configured; answering 503 so it retries", provider, provider);
            return Error(StatusCodes.Status503ServiceUnavailable, $"The {provider} webhook settings are not configured.");
        }

        var body = await RawBody.ReadAsync(request, MaxBodyBytes, ct);
        if (body is null) return Reject(StatusCodes.Status413PayloadTooLarge, "too_large", "The body is larger than 1 MiB.");

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(AnswerWithin);
        WebhookVerdict verdict;
        try
        {
            verdict = await verifier.VerifyAsync(body, request.Headers, budget.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            verdict = new WebhookVerdict.Unavailable("verification_unavailable", "The delivery could not be verified in time; retry later.");
        }

        IncomingEvent incoming;
        switch (verdict)
        {
            case WebhookVerdict.Accepted accepted when accepted.Event.Provider == provider:
                incoming = accepted.Event;
                break;
            case WebhookVerdict.Refused refused:
                return Reject(StatusCodes.Status400BadRequest, refused.Reason, refused.Message);
            case WebhookVerdict.Unavailable unavailable:
                return Unavailable(unavailable.Reason, unavailable.Message);
            default:
                throw new InvalidOperationException($"The {provider} verifier gave no verdict on a {provider} event.");
        }

        bool stored;
        try
        {
            stored = await services.GetRequiredService<WebhookInbox>().StoreAsync(incoming, budget.Token);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogError("{Provider} event {EventId} could not be stored ({Error})", provider, incoming.EventId, ex.GetType().Name);
            return Unavailable("database_unavailable", "The event could not be stored; retry later.");
        }

        metrics.Received(provider, duplicate: !stored);
        if (stored) services.GetRequiredService<WebhookSignal>().Ring();
        return TypedResults.Ok(new { received = true, duplicate = !stored });

        IResult Reject(int status, string reason, string message)
        {
            metrics.Rejected(provider, reason);
            logger.LogWarning("{Provider} webhook refused ({Reason}) from {RemoteAddress}", provider, reason, request.HttpContext.Connection.RemoteIpAddress);
            return Error(status, message);
        }

        IResult Unavailable(string reason, string message)
        {
            metrics.Rejected(provider, reason);
            logger.LogError("{Provider} webhook answered 503 ({Reason}) so that it retries", provider, reason);
            return Error(StatusCodes.Status503ServiceUnavailable, message);
        }
    }

    private static JsonHttpResult<ErrorBody> Error(int status, string message) => TypedResults.Json(new ErrorBody(message), statusCode: status);

    internal sealed record ErrorBody(string Error);
}

/// <summary>Endpoint metadata naming the provider of a webhook door (the rate limiter partitions by it).</summary>
internal sealed record WebhookDoorProvider(string Provider);
