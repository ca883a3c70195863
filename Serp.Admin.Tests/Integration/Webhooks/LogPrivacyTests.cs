using Microsoft.Extensions.Logging;
using Serp.Admin.Tests.Fakes;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Tests.TestData.Stripe;
using Serp.Admin.Webhooks.Inbox;

namespace Serp.Admin.Tests.Integration.Webhooks;

public sealed class LogPrivacyTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Processing_a_purchase_logs_neither_the_customer_email_nor_the_webhook_secret_at_information_or_above()
    {
        using var sink = new CapturingLoggerProvider();
        var settings = WebhookAppFixture.Settings();
        settings["Logging:LogLevel:Default"] = "Information";
        await using var app = new AdminAppFactory(database.ConnectionString, settings: settings, logSink: sink);
        using var client = app.CreateClient();
        var events = new StripeEvents(StripePurchaseIds.New(), DateTimeOffset.UtcNow.AddMinutes(-5));

        foreach (var payload in new[] { events.SessionCompleted(), events.ChargeRefunded(9700), events.IntentFailed() })
        {
            using var response = await client.DeliverAsync(payload);
        }
        using (await client.DeliverAsync(events.SessionCompleted(), "t=1,v1=bad")) { }
        var processor = app.Services.GetRequiredService<WebhookProcessor>();
        while (await processor.ProcessNextAsync(CancellationToken.None))
        {
        }

        var visible = sink.Lines.Where(l => l.Level >= LogLevel.Information).ToList();
        Assert.NotEmpty(visible);
        Assert.DoesNotContain(visible, l => l.Text.Contains(events.Ids.Email, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(visible, l => l.Text.Contains("billing@example.com", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(sink.Lines, l => l.Text.Contains(StripeSigner.Secret, StringComparison.Ordinal));
    }
}
