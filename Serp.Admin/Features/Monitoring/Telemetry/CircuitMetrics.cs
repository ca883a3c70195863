using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Serp.Admin.Features.Monitoring.Telemetry;

/// <summary>Open Blazor circuits on this instance (an up-down counter: opened minus closed).</summary>
public sealed class CircuitMetrics : CircuitHandler, IDisposable
{
    public const string MeterName = "Serp.Admin.Circuits";
    private readonly Meter meter = new(MeterName);
    private readonly UpDownCounter<long> open;

    public CircuitMetrics() => open = meter.CreateUpDownCounter<long>("serp.circuits.open", description: "Blazor circuits open on this instance");

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.Add(-1);
        return Task.CompletedTask;
    }

    public void Dispose() => meter.Dispose();
}
