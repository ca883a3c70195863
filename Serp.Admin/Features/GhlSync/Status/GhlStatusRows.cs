namespace Serp.Admin.Features.GhlSync.Status;

/// <summary>The outbox at a glance: rows per status, what is due now and what waits for a retry.</summary>
/// <param name="ByStatus">Rows per <c>ghl_sync.status</c>.</param>
/// <param name="Backlog">Pending rows due now: new or changed customers plus retries whose wait is over.</param>
/// <param name="WaitingRetry">Pending rows that failed before and wait for their next attempt.</param>
public sealed record GhlOverview(IReadOnlyDictionary<string, int> ByStatus, int Backlog, int WaitingRetry)
{
    public int Count(string status) => ByStatus.TryGetValue(status, out var n) ? n : 0;
    public int Total => ByStatus.Values.Sum();
}

/// <summary>A customer whose sync failed (or keeps failing), newest change first.</summary>
public sealed record GhlFailingRow(
    string Email, string Status, int Attempts, int? LastHttpStatus, string? LastError, DateTimeOffset UpdatedAt, DateTimeOffset? NextAttemptAt)
{
    public GhlFailingCursor Cursor => new(UpdatedAt, Email);
}

/// <summary>The position after a row of the failing list (keyset: <c>updated_at DESC, email DESC</c>).</summary>
public sealed record GhlFailingCursor(DateTimeOffset UpdatedAt, string Email);

public sealed record GhlFailingPage(IReadOnlyList<GhlFailingRow> Rows, bool HasMore);

/// <summary>One customer's row of <c>ghl_sync</c>, as the state chip and the customer history show it.</summary>
public sealed record GhlCustomerState(
    string Email,
    string Status,
    int Attempts,
    DateTimeOffset? LastSyncedAt,
    string? LastError,
    int? LastHttpStatus,
    string? ContactId,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset UpdatedAt,
    string? RequestedBy);
