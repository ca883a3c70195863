using System.Collections.Concurrent;

namespace Serp.Admin.Features.Orders;

/// <summary>
/// How far each running CSV export has got, by the export id the page's button puts in the link. The browser saves
/// the download itself (straight to disk, flat memory at a million rows) while the button reads the rows written
/// from here. In memory per instance: sticky sessions send a circuit's download to its own instance.
/// </summary>
public sealed class OrderExportProgress(TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(2);
    private readonly ConcurrentDictionary<Guid, ExportState> exports = new();

    public void Report(Guid exportId, long rows, ExportStage stage, string? error = null)
    {
        var now = time.GetUtcNow();
        exports[exportId] = new ExportState(rows, stage, now, error);
        // Forget finished or abandoned exports now and then; the map holds a handful of entries.
        foreach (var (id, state) in exports)
        {
            if (now - state.At > KeepFor) exports.TryRemove(id, out _);
        }
    }

    public ExportState? Find(Guid exportId) => exports.TryGetValue(exportId, out var state) ? state : null;
}

public enum ExportStage
{
    Writing,
    Done,
    Failed,
}

/// <param name="Error">Why the export was refused (a bad filter), in words for the page.</param>
public sealed record ExportState(long Rows, ExportStage Stage, DateTimeOffset At, string? Error = null);
