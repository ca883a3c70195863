using System.Globalization;

namespace Serp.Admin.Tests.TestData;

/// <summary>Reads samples out of a Prometheus text scrape (<c>name{labels} value [timestamp]</c>).</summary>
internal static class PrometheusText
{
    /// <summary>The sum of <paramref name="metric"/>'s samples whose labels include all of <paramref name="labels"/> (0 when none).</summary>
    public static double Sum(string text, string metric, params string[] labels) => text.Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
        .Sum(line =>
        {
            var rest = line.StartsWith(metric + "{", StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
            return double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        });
}
