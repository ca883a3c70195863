using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Serp.Admin.Features.Monitoring.Telemetry;

/// <summary>
/// Open Blazor circuits: counted as they open and close, observed at collection, so the series exists (at 0) before
/// the first circuit opens. The count and meter are the process's (one app per process; OpenTelemetry merges
/// instruments of one name and drops the merged series when the first meter is disposed).
/// </summary>
public sealed class CircuitMetrics : CircuitHandler
{
    public const string MeterName = "Serp.Admin.Circuits";
    private static readonly Meter Meter = new(MeterName);
    private static long open;

    static CircuitMetrics() =>
        Meter.CreateObservableUpDownCounter("serp.circuits.open", () => Interlocked.Read(ref open), description: "Blazor circuits open in this process");

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref open);
        return Task.CompletedTask;
    }
}
