namespace Serp.Admin.Webhooks.Inbox;

/// <summary>
/// Wakes this instance's processor as soon as an event is stored. Other instances find it on their next poll
/// (<see cref="WebhookProcessingOptions.PollInterval"/>): PostgreSQL is the queue, this is only a doorbell.
/// </summary>
public sealed class WebhookSignal : IDisposable
{
    private readonly SemaphoreSlim bell = new(0, 1);

    public void Ring()
    {
        try
        {
            if (bell.CurrentCount == 0) bell.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already ringing: one wake-up is enough.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => bell.WaitAsync(timeout, ct);

    public void Dispose() => bell.Dispose();
}
