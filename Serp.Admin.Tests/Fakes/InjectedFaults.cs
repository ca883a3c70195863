using Microsoft.AspNetCore.Http;

namespace Serp.Admin.Tests.Fakes;

/// <summary>
/// The failures a fake HTTP server injects: "the next N requests (to paths under a prefix) fail this way", and hangs
/// that end when the client gives up or the fake resets. Shared by the fake GHL and PayPal servers.
/// </summary>
public sealed class InjectedFaults<TFault> : IAsyncDisposable
    where TFault : struct, Enum
{
    private readonly Lock gate = new();
    private readonly List<Entry> entries = [];
    private CancellationTokenSource hangs = new();

    public void Add(TFault fault, int count, string? pathPrefix)
    {
        lock (gate) entries.Add(new Entry(fault, pathPrefix) { Remaining = count });
    }

    /// <summary>The fault for a request to <paramref name="path"/>, using one up; <c>default</c> (None) when none waits.</summary>
    public TFault Take(string path)
    {
        lock (gate)
        {
            var entry = entries.FirstOrDefault(e => e.Remaining > 0 && (e.PathPrefix is null || path.StartsWith(e.PathPrefix, StringComparison.Ordinal)));
            if (entry is null) return default;
            entry.Remaining--;
            return entry.Fault;
        }
    }

    /// <summary>Keeps the request open for <paramref name="hangFor"/> (or until the client or a reset ends it), then drops the connection.</summary>
    public async Task HangAsync(HttpContext context, TimeSpan hangFor)
    {
        CancellationToken reset;
        lock (gate) reset = hangs.Token;
        using var both = CancellationTokenSource.CreateLinkedTokenSource(reset, context.RequestAborted);
        try
        {
            await Task.Delay(hangFor, both.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout) or the fake is resetting: nobody reads an answer.
        }
        context.Abort();
    }

    /// <summary>Forgets waiting faults and ends the hanging requests.</summary>
    public void Reset()
    {
        lock (gate)
        {
            entries.Clear();
            hangs.Cancel();
            hangs.Dispose();
            hangs = new CancellationTokenSource();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await hangs.CancelAsync();
        hangs.Dispose();
    }

    private sealed record Entry(TFault Fault, string? PathPrefix)
    {
        public int Remaining { get; set; }
    }
}
