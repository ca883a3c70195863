using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Purchases;

namespace Serp.Admin.Reconciliation;

/// <summary>
/// What one provider supplies to reconciliation: whether it is configured, and its listings since a cursor. The run
/// itself is provider-neutral and written once: one run at a time per provider (an advisory lock), a cursor per
/// listing (minus an overlap), tallies, audit, a transaction per object through the purchase ledger, the inbox for
/// listed events and for objects that cannot be applied, and a record of each run for /monitoring.
/// </summary>
public interface IReconciliationSource
{
    /// <summary>The provider (<c>stripe</c>, <c>paypal</c>): the inbox's provider and the prefix of the cursors' names.</summary>
    string Provider { get; }

    /// <summary>False: the run reports "not configured" and calls nothing.</summary>
    bool IsConfigured { get; }

    /// <summary>How far before a cursor the next listing starts again (objects listed late, clock skew).</summary>
    TimeSpan Overlap { get; }

    /// <summary>How far back a listing without a cursor (the first run) reaches.</summary>
    TimeSpan InitialLookback { get; }

    /// <summary>
    /// The listings a run goes through, in this order (Stripe: sessions before the charges that meet their orders).
    /// Each keeps its cursor in <c>sync_cursors</c> under <c>&lt;provider&gt;:&lt;listing&gt;</c>.
    /// </summary>
    IReadOnlyList<string> Listings { get; }

    /// <summary>
    /// The objects of one listing created at or after <paramref name="since"/>, in the order the provider lists them.
    /// When the provider cannot be listed (refused, unreachable, slow, rate limited past its retries), throw
    /// <see cref="ReconciliationListingException"/> in plain words: the run stops there and says so.
    /// </summary>
    IAsyncEnumerable<ListedObject> ListAsync(string listing, DateTimeOffset since, CancellationToken ct);
}

/// <summary>
/// One listed object, and <see cref="Event"/>: the object as an event of its provider that the provider's
/// <c>IWebhookHandler</c> can process. Without <see cref="Facts"/> the event is stored in the inbox if it is new (an
/// event listing: events the provider failed to deliver). With them, the facts are applied at once; when they cannot
/// be (a malformed object, a rule it breaks), the event lands in the inbox as <c>failed</c> with the error, replayable
/// from /monitoring, and the cursor moves on.
/// </summary>
public sealed record ListedObject(string Id, DateTimeOffset Created, IncomingEvent Event)
{
    /// <summary>Translates the object into facts (may throw for a malformed one); empty: nothing to apply (skipped).</summary>
    public Func<IReadOnlyList<PurchaseFact>>? Facts { get; init; }
}

/// <summary>A listing the provider refused or could not serve; the message is plain words for an operator.</summary>
public sealed class ReconciliationListingException(string message, bool rateLimited = false, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The provider kept answering 429 past the client's retries: the next run continues from the cursors.</summary>
    public bool RateLimited { get; } = rateLimited;
}
