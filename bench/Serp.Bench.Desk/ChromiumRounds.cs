using System.Globalization;

namespace Serp.Bench.Desk;

/// <summary>
/// Times the links in Chromium as an agent meets a server that has been up for a while: first the first load after
/// the bench signed in (reported on its own, not in the percentiles), then warm-up rounds over every link, then
/// measured rounds that visit the links in turn, so a passing disturbance (the runtime's background recompilation
/// in the first minute, a checkpoint, a GC) spreads over every link instead of landing on whichever was timed then.
/// </summary>
public static class ChromiumRounds
{
    private const int WarmupRounds = 3;
    private static readonly string[] Steps = ["Chromium: server's first byte", "Chromium: last byte of the HTML", "Chromium: first contentful paint"];

    public static async Task RunAsync(BrowserProbe browser, string[] paths, int rounds, DeskReport report, CancellationToken ct)
    {
        var cold = await browser.OpenAsync(paths[0]);
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"Chromium, the first timed load after the app started and the bench signed in ({paths[0]}): rows on screen after {cold.FirstRow:F0} ms ")
            + string.Create(CultureInfo.InvariantCulture,
            $"(server's first byte {cold.FirstByte:F0} ms); not in the percentiles, which follow {WarmupRounds} warm-up rounds over every link"));
        for (var round = 0; round < WarmupRounds; round++)
        {
            foreach (var path in paths) await browser.OpenAsync(path);
        }
        var loads = paths.ToDictionary(p => p, _ => new List<BrowserLoad>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var path in paths)
            {
                ct.ThrowIfCancellationRequested();
                loads[path].Add(await browser.OpenAsync(path));
            }
        }

        var live = new List<Measurement>();
        var steps = new List<Measurement>();
        foreach (var path in paths)
        {
            var mine = loads[path];
            var vanished = mine.Count(l => l.Vanished > 0);
            var note = vanished == 0 ? null : $"rows vanished and came back in {vanished} of {rounds} loads: timed to their return";
            report.Add(Timing.Summarize("Chromium: navigation to order rows on screen", path, [.. mine.Select(l => l.FirstRow)], 1, note), goalP95: 500);
            live.Add(Timing.Summarize("Chromium: navigation to live page (circuit up, total shown)", path, [.. mine.Select(l => l.Live)], 1));
            steps.Add(Timing.Summarize(Steps[0], path, [.. mine.Select(l => l.FirstByte)], 1));
            steps.Add(Timing.Summarize(Steps[1], path, [.. mine.Select(l => l.HtmlEnd)], 1));
            steps.Add(Timing.Summarize(Steps[2], path, [.. mine.Select(l => l.FirstPaint)], 1));
        }
        foreach (var measured in live.Concat(steps.OrderBy(m => Array.IndexOf(Steps, m.Group)))) report.Add(measured);
    }
}
