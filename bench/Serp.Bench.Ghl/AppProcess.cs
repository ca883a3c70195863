using System.Diagnostics;
using System.Globalization;
using Serp.Admin.Tests.Fakes.Ghl;

namespace Serp.Bench.Ghl;

/// <summary>
/// Serp.Admin (Release, Production, a dummy OIDC authority that is never contacted) with its GHL sync pointed at the
/// fake; its output goes to artifacts/bench/ghl-app.log. Stopped (and waited for) on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Uri ready;

    private AppProcess(Process process, Uri ready)
    {
        this.process = process;
        this.ready = ready;
    }

    public static AppProcess Start(GhlBenchOptions options, FakeGhlApi fake)
    {
        var url = $"http://127.0.0.1:{options.Port.ToString(CultureInfo.InvariantCulture)}";
        var dll = Path.GetFullPath(options.AppDll);
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = Path.GetDirectoryName(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["ConnectionStrings__Serp"] = options.ConnectionString;
        env["Auth__Oidc__Authority"] = "https://login.example.invalid/";
        env["Auth__Oidc__ClientId"] = "serp-bench";
        env["Stripe__Reconciliation__Enabled"] = "false";
        env["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in fake.Settings()) env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        env["Ghl__RequestsPer10Seconds"] = options.Budget.ToString(CultureInfo.InvariantCulture);
        env["Ghl__Sync__Workers"] = options.Workers.ToString(CultureInfo.InvariantCulture);
        env["Ghl__Sync__PollInterval"] = "00:00:00.200";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Serp.Admin did not start");
        Directory.CreateDirectory("artifacts/bench");
        var log = new StreamWriter("artifacts/bench/ghl-app.log") { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(process, new Uri(url + "/health/ready"));
    }

    public async Task WaitReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited) throw new InvalidOperationException("Serp.Admin exited; see artifacts/bench/ghl-app.log");
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
