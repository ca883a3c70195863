using System.Diagnostics;
using System.Globalization;

namespace Serp.Bench.Shared;

/// <summary>
/// Serp.Admin (Release, Production, a dummy OIDC authority that is never contacted, scheduled reconciliation off) on a
/// loopback port with the given settings (<c>Section:Key</c> names); its output goes to <c>artifacts/bench/</c>.
/// Stopped (and waited for) on dispose. Compiled into each bench that starts the app itself.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Uri ready;
    private readonly string logPath;

    private AppProcess(Process process, Uri ready, string logPath)
    {
        this.process = process;
        this.ready = ready;
        this.logPath = logPath;
    }

    public int Id => process.Id;

    public static AppProcess Start(string appDll, int port, string connectionString, IReadOnlyDictionary<string, string?> settings, string logName)
    {
        var url = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var dll = Path.GetFullPath(appDll);
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ConnectionStrings__Serp"] = connectionString;
        env["Auth__Oidc__Authority"] = "https://login.example.invalid/";
        env["Auth__Oidc__ClientId"] = "serp-bench";
        env["Stripe__Reconciliation__Enabled"] = "false";
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) env[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Serp.Admin did not start");
        Directory.CreateDirectory("artifacts/bench");
        var logPath = Path.Combine("artifacts/bench", logName);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(process, new Uri(url + "/health/ready"), logPath);
    }

    public async Task WaitReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"Serp.Admin exited; see {logPath}");
            try
            {
                using var response = await http.GetAsync(ready, ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException("Serp.Admin was not ready after 60 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
