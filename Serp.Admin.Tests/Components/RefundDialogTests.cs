using System.Security.Claims;
using Bunit;
using MudBlazor;
using Serp.Admin.Auth;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Tests.Integration.Refunds;
using Serp.Domain.Orders;

namespace Serp.Admin.Tests.Components;

/// <summary>The refund dialog over the real refund service, the fake Stripe API and a real database.</summary>
public sealed class RefundDialogTests : MudTestContext, IClassFixture<RefundAppFixture>
{
    private readonly RefundAppFixture app;

    public RefundDialogTests(RefundAppFixture app)
    {
        this.app = app;
        Services.AddSingleton(app.Refunds);
        AddAuthorization().SetAuthorized("Sam Support").SetRoles(Roles.Support).SetClaims(new Claim("email", "sam.dialog@example.com"));
    }

    [Theory]
    [InlineData("usd", "20.005", "USD has 2 decimals: 20.005 has 3.")]
    [InlineData("jpy", "500.5", "JPY has no decimals: enter a whole amount, e.g. 500.")]
    [InlineData("kwd", "1.2345", "KWD has 3 decimals: 1.2345 has 4.")]
    [InlineData("usd", "twenty", "\"twenty\" is not an amount: use digits and a point, e.g. 20.00.")]
    [InlineData("usd", "97.01", "At most $97.00 is left to refund.")]
    public async Task An_amount_the_currency_cannot_hold_is_refused_with_a_reason(string currency, string typed, string error)
    {
        var dialog = await OpenAsync(Target(9700, currency));

        await TypeAsync(dialog, typed);
        await ChooseReasonAsync(dialog, RefundReasons.Duplicate);
        await ClickAsync(dialog, "[data-testid=refund-review]");

        dialog.WaitForAssertion(() =>
        {
            Assert.Contains(error, dialog.Markup, StringComparison.Ordinal);
            Assert.Empty(dialog.FindAll("[data-testid=refund-confirmation]"));
        });
    }

    [Theory]
    [InlineData("usd", 9700, "20.00", "Refund $20.00 of $97.00 to ada@example.com?")]
    [InlineData("jpy", 7400, "¥500", "Refund ¥500 of ¥7,400 to ada@example.com?")]
    [InlineData("kwd", 30000, "1.250", "Refund 1.250 KWD of 30.000 KWD to ada@example.com?")]
    public async Task The_confirmation_states_amount_and_currency(string currency, long total, string typed, string confirmation)
    {
        var dialog = await OpenAsync(Target(total, currency));

        await TypeAsync(dialog, typed);
        await ChooseReasonAsync(dialog, RefundReasons.RequestedByCustomer);
        await ClickAsync(dialog, "[data-testid=refund-review]");

        dialog.WaitForAssertion(() => Assert.Equal(confirmation, dialog.Find("[data-testid=refund-confirmation]").TextContent.Trim()));
    }

    [Fact]
    public async Task The_amount_starts_as_what_remains_in_major_units()
    {
        var dialog = await OpenAsync(Target(9700, "usd", refunded: 2000));

        Assert.Equal("77.00", dialog.Find("input[data-testid=refund-amount]").GetAttribute("value"));
    }

    [Fact]
    public async Task Other_needs_a_few_words_of_why()
    {
        var dialog = await OpenAsync(Target(9700, "usd"));

        await ChooseReasonAsync(dialog, RefundReasons.Other);
        await ClickAsync(dialog, "[data-testid=refund-review]");

        dialog.WaitForAssertion(() =>
        {
            Assert.Contains("Say why in a few words.", dialog.Markup, StringComparison.Ordinal);
            Assert.Empty(dialog.FindAll("[data-testid=refund-confirmation]"));
        });
    }

    [Fact]
    public async Task Pressing_refund_twice_while_Stripe_answers_makes_one_refund()
    {
        var paid = await app.PaidOrderAsync(9700);
        var target = await app.Refunds.FindTargetAsync(paid.Id, CancellationToken.None);
        var dialog = await OpenAsync(target!);
        await TypeAsync(dialog, "10.00");
        await ChooseReasonAsync(dialog, RefundReasons.Goodwill);
        await ClickAsync(dialog, "[data-testid=refund-review]");
        dialog.WaitForElement("[data-testid=refund-confirm]");

        using (var hold = app.Stripe.Hold())
        {
            await ClickAsync(dialog, "[data-testid=refund-confirm]");
            await hold.Arrived;
            // The request can reach Stripe before the renderer has drawn the disabled button: wait for the drawing.
            dialog.WaitForAssertion(() => Assert.True(dialog.Find("[data-testid=refund-confirm]").HasAttribute("disabled")));
            await ClickAsync(dialog, "[data-testid=refund-confirm]");
        }

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid=refund-dialog]")), TimeSpan.FromSeconds(10));
        Assert.Equal(1, app.Stripe.RefundsCreated(paid.PaymentIntent));
        Assert.Single(app.Stripe.RequestsTo("/v1/refunds"), r => r.Method == "POST" && r["payment_intent"] == paid.PaymentIntent);
    }

    private static RefundTarget Target(long total, string currency, long refunded = 0) =>
        new(Guid.NewGuid(), PaymentSource.Stripe, PaymentStatus.Paid, "pi_dialog", total, refunded, currency, "ada@example.com");

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(RefundTarget target)
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<RefundDialog>("Refund",
            new DialogParameters<RefundDialog> { { d => d.Target, target } }));
        provider.WaitForElement("input[data-testid=refund-amount]");
        return provider;
    }

    // Interactions find their element and fire its event in one turn of the renderer's dispatcher: from outside it, a
    // busy dispatcher queues the event and the test reads on before its handler ran (or the element was re-rendered).
    private static Task TypeAsync(IRenderedComponent<MudDialogProvider> dialog, string amount) =>
        dialog.InvokeAsync(() => dialog.Find("input[data-testid=refund-amount]").Input(amount));

    private static Task ChooseReasonAsync(IRenderedComponent<MudDialogProvider> dialog, string reason) =>
        ClickAsync(dialog, $"input[data-testid=reason-{reason}]");

    private static Task ClickAsync(IRenderedComponent<MudDialogProvider> dialog, string selector) =>
        dialog.InvokeAsync(() => dialog.Find(selector).Click());
}
