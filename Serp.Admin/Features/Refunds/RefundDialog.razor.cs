using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Serp.Domain.Money;

namespace Serp.Admin.Features.Refunds;

public sealed partial class RefundDialog
{
    // Made once, when the dialog opens: the provider's idempotency key (Stripe's key, PayPal-Request-Id) comes from it.
    private Guid requestId = Guid.NewGuid();
    private string? amountText;
    private string? reason;
    private string? note;
    private string? amountError;
    private string? reasonError;
    private string? noteError;
    private long amount;
    private long? limit;
    private bool confirming;
    private bool inFlight;
    // After an answer we could not read (timeout, 5xx), the provider may have refunded: only the same request may follow.
    private bool locked;
    private string? failure;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Parameter, EditorRequired] public RefundTarget Target { get; set; } = default!;
    [Inject] private OrderRefunds Refunds { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private ILogger<RefundDialog> Logger { get; set; } = default!;

    private string ConfirmationText =>
        $"Refund {new Money(amount, Target.Currency).Format()} of {Target.Total.Format()} to {Target.CustomerEmail ?? "the customer"}?";

    protected override async Task OnInitializedAsync()
    {
        amountText = MajorUnits.Format(Target.Remaining, Target.Currency);
        limit = Refunds.LimitFor((await Authentication.GetAuthenticationStateAsync()).User, Target.Currency);
    }

    private void Review()
    {
        var (parsed, error) = MajorUnits.Parse(amountText, Target.Currency);
        amountError = error ?? (parsed > Target.Remaining ? $"At most {Target.Left.Format()} is left to refund." : null)
            ?? (parsed > limit ? $"Above {new Money(limit!.Value, Target.Currency).Format()} only an Admin may refund." : null);
        reasonError = reason is null ? "Choose a reason." : null;
        noteError = reason == RefundReasons.Other && string.IsNullOrWhiteSpace(note) ? "Say why in a few words." : null;
        if (amountError is not null || reasonError is not null || noteError is not null) return;
        amount = parsed!.Value;
        failure = null;
        confirming = true;
    }

    private void Back()
    {
        if (locked) return;
        confirming = false;
    }

    private async Task ConfirmAsync()
    {
        // A second click while the first is on its way changes nothing (the button is disabled too).
        if (inFlight) return;
        inFlight = true;
        failure = null;
        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            var result = await Refunds.RefundAsync(user, new RefundRequest(Target.OrderId, requestId, amount, reason!, note), CancellationToken.None);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result));
                return;
            }
            failure = result.Message;
            if (result.Retryable) locked = true;
            // Nothing was refunded for sure: a corrected request (another amount) needs a key of its own.
            else if (!locked) requestId = Guid.NewGuid();
        }
#pragma warning disable CA1031 // Whatever failed, the agent sees it; the same request may be retried safely.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Refund of order {OrderId} failed", Target.OrderId);
            failure = $"The refund could not be completed here. {Provider} may already have made it: press Try again (it cannot refund twice).";
            locked = true;
        }
        finally
        {
            inFlight = false;
        }
    }

    private string Provider => Target.Source == Serp.Domain.Orders.PaymentSource.PayPal ? "PayPal" : "Stripe";

    private void Cancel() => Dialog.Cancel();
}
