namespace Serp.Admin.Integrations.Ghl;

/// <summary>
/// The calls one sync (or drift check) made, in order: stored with the attempt in <c>ghl_sync_attempts</c> and shown on
/// /ghl. Paths carry ids (contact, opportunity), never emails or field values.
/// </summary>
public sealed class GhlCallLog
{
    private readonly List<GhlCall> calls = [];

    public IReadOnlyList<GhlCall> Calls => calls;

    public void Add(GhlCall call) => calls.Add(call);
}

/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query string, e.g. <c>/contacts/abc123/tags</c>.</param>
/// <param name="Status">HTTP status, or null for a timeout or dropped connection.</param>
/// <param name="ElapsedMs">Round trip in milliseconds.</param>
public sealed record GhlCall(string Method, string Path, int? Status, long ElapsedMs);
