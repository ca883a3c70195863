using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Auth;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Integrations.PayPal.FollowUps;
using Serp.Admin.Tests.Fakes.PayPal;
using Serp.Admin.Tests.Integration.Webhooks;
using Serp.Admin.Tests.TestData;
using Serp.Admin.Tests.TestData.PayPal;
using Serp.Admin.Webhooks.Inbox;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Integration.PayPal;

/// <summary>A paid PayPal purchase the fake PayPal holds: its order and capture ids, and our order's id.</summary>
public sealed record PaidPayPalOrder(Guid Id, string OrderId, string CaptureId, string Email)
{
    public RefundRequest Request(long amount, string reason = RefundReasons.RequestedByCustomer, string? note = null) =>
        new(Id, Guid.NewGuid(), amount, reason, note);
}

/// <summary>
/// The app against the fake PayPal (AutoCapture on) over a database of its own, with the processor and the
/// follow-up worker off: tests store events, run <see cref="PayPalFollowUps"/> and process the inbox themselves.
/// Every purchase gets ids of its own, so tests share the fixture without seeing each other.
/// </summary>
public sealed class PayPalAppFixture : IAsyncLifetime
{
    public PostgresFixture Database { get; } = new();
    public FakePayPalApi PayPal { get; private set; } = null!;
    public AdminAppFactory Factory { get; private set; } = null!;

    public OrderRefunds Refunds => Factory.Services.GetRequiredService<OrderRefunds>();
    public PayPalFollowUps FollowUps => Factory.Services.GetRequiredService<PayPalFollowUps>();

    public static ClaimsPrincipal Support { get; } = new(new ClaimsIdentity(
        [new Claim("sub", "sub-support"), new Claim("email", "support.desk@example.com"), new Claim(ClaimTypes.Role, Roles.Support)], "test"));

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        PayPal = await FakePayPalApi.StartAsync();
        var settings = WebhookAppFixture.Settings();
        foreach (var (key, value) in PayPal.Settings()) settings[key] = value;
        settings["PayPal:AutoCapture"] = "true";
        settings["PayPal:FollowUps:Enabled"] = "false";
        Factory = new AdminAppFactory(Database.ConnectionString, settings: settings);
    }

    /// <summary>Stores an event as the webhook door would after verification.</summary>
    public Task<bool> StoreAsync(string json)
    {
        var root = JsonNode.Parse(json)!;
        return Factory.Services.GetRequiredService<WebhookInbox>().StoreAsync(
            new IncomingEvent(PaymentSource.PayPal, (string)root["id"]!, (string)root["event_type"]!, "2.0", false, json), CancellationToken.None);
    }

    public Task<int> ProcessAllAsync() => WebhookAppFixture.ProcessAllAsync(Factory);

    /// <summary>An order the buyer approved and the storefront captured in the fake PayPal, with both webhooks processed.</summary>
    public async Task<PaidPayPalOrder> PaidOrderAsync(string amount = "97.00", string currency = "USD")
    {
        var email = $"ada.{Guid.NewGuid():N}@example.com";
        var orderId = PayPal.CreateOrder(amount, currency, email, customId: "offer_id=offer-serp-downloader&affiliate_id=aff_007");
        var approved = PayPalEvents.Wrap("CHECKOUT.ORDER.APPROVED", PayPal.Order(orderId)!, DateTimeOffset.UtcNow.AddMinutes(-2));
        var captureId = PayPal.CaptureOrder(orderId);
        var captured = PayPalEvents.Wrap("PAYMENT.CAPTURE.COMPLETED", PayPal.CaptureResource(captureId)!, DateTimeOffset.UtcNow.AddMinutes(-1));
        await StoreAsync(approved);
        await StoreAsync(captured);
        await ProcessAllAsync();
        await using var db = Database.CreateDbContext();
        var id = await db.Orders.Where(o => o.PaypalOrderId == orderId).Select(o => o.Id).SingleAsync();
        return new PaidPayPalOrder(id, orderId, captureId, email);
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (PayPal is not null) await PayPal.DisposeAsync();
        await Database.DisposeAsync();
    }
}
