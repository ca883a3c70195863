using System.Globalization;

namespace Serp.Bench;

/// <summary>CPU time (user + system) used so far by the app, by PostgreSQL (postmaster and its children) and by the bench.</summary>
internal sealed record CpuSample(TimeSpan App, TimeSpan Postgres, TimeSpan Bench)
{
    public static CpuSample operator -(CpuSample a, CpuSample b) => new(a.App - b.App, a.Postgres - b.Postgres, a.Bench - b.Bench);
}

/// <summary>
/// Reads /proc (Linux): on a shared 2-core machine wall time depends on the neighbours, CPU time per event much less,
/// so this is how the bench says where the time goes. Zero for a process id it cannot read.
/// </summary>
internal sealed class CpuMeter(int appPid, int postmasterPid)
{
    // USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public CpuSample Sample() => new(Own(appPid), Own(postmasterPid) + Children(postmasterPid), Own(Environment.ProcessId));

    private static TimeSpan Own(int pid) => Stat(pid) is { } f ? Ticks(f[11] + f[12]) : TimeSpan.Zero;

    // Live children (the backends) plus those already gone (cutime/cstime of the postmaster).
    private static TimeSpan Children(int parent)
    {
        if (parent <= 0) return TimeSpan.Zero;
        var total = Stat(parent) is { } own ? Ticks(own[13] + own[14]) : TimeSpan.Zero;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is { } f && f[1] == parent) total += Ticks(f[11] + f[12]);
        }
        return total;
    }

    /// <summary>The numeric fields of /proc/PID/stat after the command name: [0] state (as 0), [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static long[]? Stat(int pid)
    {
        if (pid <= 0) return null;
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return [0, .. fields.Skip(1).Take(14).Select(f => long.Parse(f, CultureInfo.InvariantCulture))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
