using System.Net.Http.Headers;
using System.Text;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Admin.Webhooks.Inbox;

namespace Serp.Admin.Tests.Integration.Webhooks;

/// <summary>
/// The app with Stripe webhook secrets (current and previous) over a database of its own. The background
/// processor is off: tests drive <see cref="WebhookProcessor"/> themselves, so every assertion is deterministic.
/// </summary>
public sealed class WebhookAppFixture : IAsyncLifetime
{
    public PostgresFixture Database { get; } = new();
    public AdminAppFactory Factory { get; private set; } = null!;

    public static Dictionary<string, string?> Settings(bool processorEnabled = false) => new()
    {
        ["Stripe:WebhookSecret"] = $"{StripeSigner.Secret}, {StripeSigner.PreviousSecret}",
        ["Webhooks:Processing:Enabled"] = processorEnabled ? "true" : "false",
        ["Webhooks:Processing:MaxAttempts"] = "2",
        ["Webhooks:Processing:InitialBackoff"] = "00:00:00",
        ["Webhooks:Processing:PollInterval"] = "00:00:00.200",
    };

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new AdminAppFactory(Database.ConnectionString, settings: Settings());
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Applies every due event, as the background loops would.</summary>
    public Task<int> ProcessAllAsync() => ProcessAllAsync(Factory);

    /// <summary>Applies every due event of an app whose background processor is off.</summary>
    public static async Task<int> ProcessAllAsync(AdminAppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var processor = factory.Services.GetRequiredService<WebhookProcessor>();
        var count = 0;
        while (await processor.ProcessNextAsync(CancellationToken.None))
        {
            if (++count > 10_000) throw new InvalidOperationException("The inbox never emptied.");
        }
        return count;
    }
}

internal static class StripeDelivery
{
    public static async Task<HttpResponseMessage> DeliverAsync(this HttpClient client, string payload, string? signature = "",
        string path = "/webhooks/stripe")
    {
        using var content = new StringContent(payload, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        var header = signature == "" ? StripeSigner.Header(payload) : signature;
        if (header is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
        return await client.SendAsync(request);
    }
}
