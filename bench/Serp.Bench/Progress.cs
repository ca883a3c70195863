using System.Globalization;

namespace Serp.Bench;

/// <summary>Time-stamped progress lines and the machine's load average, for every bench that prints as it goes.</summary>
internal static class Progress
{
    public static void Line(string text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTimeOffset.Now:HH:mm:ss}] {text}"));

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
