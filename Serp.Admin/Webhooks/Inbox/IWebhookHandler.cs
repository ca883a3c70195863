using Serp.Domain.Data;
using Serp.Domain.Webhooks;

namespace Serp.Admin.Webhooks.Inbox;

public enum HandleOutcome
{
    Processed,
    Ignored,
}

/// <summary>Turns one provider's stored events into domain operations, inside the processor's transaction.</summary>
public interface IWebhookHandler
{
    string Provider { get; }

    Task<HandleOutcome> HandleAsync(SerpDbContext db, WebhookEvent webhookEvent, CancellationToken ct);
}
