using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Serp.Admin.Features.Monitoring.Telemetry;

/// <summary>
/// Open Blazor circuits on this instance: counted here as they open and close, observed at collection, so the
/// series exists (at 0) before the first circuit opens.
/// </summary>
public sealed class CircuitMetrics : CircuitHandler, IDisposable
{
    public const string MeterName = "Serp.Admin.Circuits";
    private readonly Meter meter = new(MeterName);
    private long open;

    public CircuitMetrics() =>
        meter.CreateObservableUpDownCounter("serp.circuits.open", () => Interlocked.Read(ref open), description: "Blazor circuits open on this instance");

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

    public void Dispose() => meter.Dispose();
}
