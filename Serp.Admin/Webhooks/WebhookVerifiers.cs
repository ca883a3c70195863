namespace Serp.Admin.Webhooks;

/// <summary>The registered <see cref="IWebhookVerifier"/>s by provider: the door and the rate limiter ask for one.</summary>
internal sealed class WebhookVerifiers(IEnumerable<IWebhookVerifier> verifiers)
{
    private readonly Dictionary<string, IWebhookVerifier> byProvider = verifiers.ToDictionary(v => v.Provider, StringComparer.Ordinal);

    public IWebhookVerifier Get(string provider) => byProvider.TryGetValue(provider, out var verifier)
        ? verifier
        : throw new InvalidOperationException($"No webhook verifier is registered for '{provider}'.");

    public IWebhookVerifier? Find(string provider) => byProvider.GetValueOrDefault(provider);
}
