using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Data;
using Serp.Domain.Orders;

namespace Serp.Admin.Integrations.PayPal.FollowUps;

/// <summary>
/// The PayPal calls that events ask for but that must not run inside the processor's transaction (ADR 22): the payer
/// look-up (<c>GET /v2/checkout/orders/{id}</c>) for an order whose capture came with no approval to name the payer,
/// and, with <c>PayPal:AutoCapture</c>, the capture of an approved order (<c>PayPal-Request-Id</c> from the order id, so
/// no retry or second instance captures twice). What PayPal answers is stored in the inbox as an event of our own
/// (<see cref="LookupType"/>, <see cref="CaptureType"/>, id <c>lookup:</c>/<c>capture:</c> + the order id) and
/// applied by the processor like any other: visible, replayable, and asked for once.
/// </summary>
public sealed class PayPalFollowUps(
    IDbContextFactory<SerpDbContext> dbFactory,
    IPayPalApi api,
    WebhookInbox inbox,
    WebhookSignal signal,
    IOptionsMonitor<PayPalOptions> paypal,
    IOptionsMonitor<PayPalFollowUpOptions> options,
    TimeProvider time,
    ILogger<PayPalFollowUps> logger)
{
    public const string LookupType = "SERP.ORDER.LOOKED-UP";
    public const string CaptureType = "SERP.ORDER.CAPTURED";
    public const string LookupPrefix = "lookup:";
    public const string CapturePrefix = "capture:";

    /// <summary>Orders PayPal refused to look up or capture for good (unknown order, declined): not asked again by this instance.</summary>
    private readonly ConcurrentDictionary<string, bool> givenUp = new(StringComparer.Ordinal);

    /// <summary>The <c>PayPal-Request-Id</c> of an order's capture: the same for every retry and every instance.</summary>
    public static string CaptureRequestId(string orderId) => "serp-capture-" + orderId;

    /// <summary>One round: look up payers, then capture approved orders. Returns how many events it stored.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (!paypal.CurrentValue.IsConfigured) return 0;
        var (lookups, captures) = await CandidatesAsync(ct);
        var stored = 0;
        foreach (var orderId in lookups)
        {
            if (await FollowUpAsync(LookupPrefix + orderId, LookupType, () => api.GetOrderAsync(orderId, ct), ct)) stored++;
        }
        foreach (var orderId in captures)
        {
            if (await FollowUpAsync(CapturePrefix + orderId, CaptureType, () => api.CaptureOrderAsync(orderId, CaptureRequestId(orderId), ct), ct)) stored++;
        }
        if (stored > 0) signal.Ring();
        return stored;
    }

    /// <summary>Read in one short database visit, released before PayPal is called.</summary>
    private async Task<(List<string> Lookups, List<string> Captures)> CandidatesAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var paypalOrders = db.Orders.AsNoTracking().Where(o => o.Source == PaymentSource.PayPal && o.PaypalOrderId != null);
        var lookups = await paypalOrders
            .Where(o => o.CustomerEmail == null
                && !db.WebhookEvents.Any(e => e.Provider == PaymentSource.PayPal && e.EventId == LookupPrefix + o.PaypalOrderId))
            .OrderByDescending(o => o.CreatedAt).Select(o => o.PaypalOrderId!).Take(settings.BatchSize).ToListAsync(ct);
        List<string> captures = [];
        if (paypal.CurrentValue.AutoCapture)
        {
            var since = time.GetUtcNow() - settings.CaptureWindow;
            // Approved (an APPROVED event names the order), never captured, not failed, and not tried yet.
            captures = await paypalOrders
                .Where(o => o.PaymentStatus == PaymentStatus.Pending && o.PaypalCaptureId == null && o.FailedAt == null && o.CreatedAt >= since
                    && db.WebhookEvents.Any(e => e.Provider == PaymentSource.PayPal && e.EventType == "CHECKOUT.ORDER.APPROVED"
                        && e.Refs.Contains(o.PaypalOrderId!))
                    && !db.WebhookEvents.Any(e => e.Provider == PaymentSource.PayPal && e.EventId == CapturePrefix + o.PaypalOrderId))
                .OrderBy(o => o.CreatedAt).Select(o => o.PaypalOrderId!).Take(settings.BatchSize).ToListAsync(ct);
        }
        return ([.. lookups.Where(id => !givenUp.ContainsKey(LookupPrefix + id))], [.. captures.Where(id => !givenUp.ContainsKey(CapturePrefix + id))]);
    }

    private async Task<bool> FollowUpAsync(string eventId, string eventType, Func<Task<PayPalJson>> call, CancellationToken ct)
    {
        PayPalJson order;
        try
        {
            order = await call();
        }
        catch (PayPalApiException ex)
        {
            // A transient failure is tried again next round; anything else would fail the same way again.
            if (!ex.IsTransient) givenUp[eventId] = true;
            logger.LogWarning("PayPal follow-up {EventId} failed ({Status} {Issue}): {Message}", eventId, ex.StatusCode, ex.Issue, ex.Message);
            return false;
        }
        var envelope = new JsonObject
        {
            ["id"] = eventId,
            ["event_type"] = eventType,
            ["create_time"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["resource"] = JsonNode.Parse(order.Json),
        };
        var live = string.Equals(paypal.CurrentValue.ApiBase.TrimEnd('/'), PayPalOptions.LiveApiBase, StringComparison.OrdinalIgnoreCase);
        return await inbox.StoreAsync(new IncomingEvent(PaymentSource.PayPal, eventId, eventType, null, live, envelope.ToJsonString()), ct);
    }
}
