using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Serp.Bench.Desk;

/// <summary>
/// Downloads <c>/orders/export.csv</c> from the running app as a signed-in Viewer and reads the app's resident memory
/// from /proc: rows per second, and the app's peak working set (VmHWM) after each export.
/// </summary>
public sealed class ExportProbe(Uri app, int appPid)
{
    public sealed record Result(string Query, long Rows, double Seconds, long Bytes, long RssBeforeMb, long PeakMb);

    public async Task<Result> ExportAsync(string query, CancellationToken ct)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var http = new HttpClient(handler) { BaseAddress = app, Timeout = TimeSpan.FromMinutes(10) };
        (await http.GetAsync(new Uri("/auth/dev-signin?role=Viewer&returnUrl=/health/live", UriKind.Relative), ct)).EnsureSuccessStatusCode();
        var before = Memory("VmRSS");
        var start = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(new Uri("/orders/export.csv" + query, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new Result(query, lines - 1, seconds, bytes, before, Memory("VmHWM"));
    }

    /// <summary>A line of /proc/PID/status in MiB (VmRSS now, VmHWM the peak so far).</summary>
    private long Memory(string field)
    {
        var line = File.ReadLines($"/proc/{appPid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kb / 1024;
    }
}
