namespace Serp.Admin.Features.Monitoring.Alerts;

/// <summary>
/// One per circuit: the alerts panel says "something changed" and the app bar's badge counts again at once, instead
/// of at its next 30-second refresh.
/// </summary>
public sealed class AlertBadgeRefresh
{
    public event Func<Task>? Changed;

    public Task NotifyAsync() => Changed?.Invoke() ?? Task.CompletedTask;
}
