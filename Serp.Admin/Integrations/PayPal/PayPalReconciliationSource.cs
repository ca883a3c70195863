using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Serp.Admin.Integrations.PayPal.Events;
using Serp.Admin.Reconciliation;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;

namespace Serp.Admin.Integrations.PayPal;

/// <summary>
/// PayPal's listing for reconciliation: <c>GET /v1/notifications/webhooks-events</c> since the cursor, every page, the
/// event types Serp Admin handles. Each listed event is stored in the inbox if it is new (PayPal's own id, so a
/// delivery that arrives later is a duplicate) and processed like a delivered one: a delivery PayPal gave up on is
/// recovered on the same schedule and advisory lock as Stripe's run.
/// </summary>
internal sealed class PayPalReconciliationSource(IPayPalApi api, IOptionsMonitor<PayPalOptions> options, TimeProvider time) : IReconciliationSource
{
    public const string Events = "events";

    private static readonly HashSet<string> Handled = new(PayPalEventTranslator.HandledTypes, StringComparer.Ordinal);

    public string Provider => PaymentSource.PayPal;

    public bool IsConfigured => options.CurrentValue.IsConfigured;

    public TimeSpan Overlap => TimeSpan.FromMinutes(5);

    /// <summary>PayPal keeps webhook events for 30 days: the first run looks back that far.</summary>
    public TimeSpan InitialLookback => TimeSpan.FromDays(30);

    public IReadOnlyList<string> Listings { get; } = [Events];

    public async IAsyncEnumerable<ListedObject> ListAsync(string listing, DateTimeOffset since, [EnumeratorCancellation] CancellationToken ct)
    {
        var until = time.GetUtcNow();
        var live = string.Equals(options.CurrentValue.ApiBase.TrimEnd('/'), PayPalOptions.LiveApiBase, StringComparison.OrdinalIgnoreCase);
        string? next = null;
        do
        {
            PayPalEventPage page;
            try
            {
                page = await api.ListWebhookEventsAsync(since, until, next, ct);
            }
            catch (PayPalApiException ex)
            {
                throw new ReconciliationListingException(
                    $"PayPal could not list its webhook events ({ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}): {ex.Message}",
                    rateLimited: ex.StatusCode == 429, ex);
            }
            foreach (var listed in page.Events.Where(e => Handled.Contains(e.EventType)))
            {
                yield return new ListedObject(listed.Id, listed.CreateTime,
                    new IncomingEvent(Provider, listed.Id, listed.EventType, PayPalReads.FromRoot(listed.Json, r => r.Text("resource_version")), live, listed.Json));
            }
            next = page.NextPage;
        }
        while (next is not null);
    }
}
