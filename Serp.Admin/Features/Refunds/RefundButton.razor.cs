using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Serp.Admin.Auth;

namespace Serp.Admin.Features.Refunds;

/// <summary>Opens the refund dialog for one order; <see cref="OnRefunded"/> lets the page reload what changed.</summary>
public sealed partial class RefundButton
{
    private bool canRefund;
    private RefundTarget? target;

    [Parameter] public Guid OrderId { get; set; }
    /// <summary>The order's row when the page already has it (saves a lookup per button).</summary>
    [Parameter] public RefundTarget? Target { get; set; }
    [Parameter] public EventCallback<RefundResult> OnRefunded { get; set; }
    [Parameter] public Size Size { get; set; } = Size.Small;

    [Inject] private OrderRefunds Refunds { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        canRefund = StaffIdentity.HasAtLeast((await Authentication.GetAuthenticationStateAsync()).User, Roles.Support);
        if (!canRefund) return;
        target = Target ?? await Refunds.FindTargetAsync(OrderId, CancellationToken.None);
    }

    private async Task OpenAsync()
    {
        // The row may be minutes old: the dialog starts from what remains now.
        var current = await Refunds.FindTargetAsync(target!.OrderId, CancellationToken.None) ?? target;
        var dialog = await Dialogs.ShowAsync<RefundDialog>("Refund",
            new DialogParameters<RefundDialog> { { d => d.Target, current } },
            new DialogOptions { MaxWidth = MaxWidth.Small, CloseOnEscapeKey = true, BackdropClick = false });
        var closed = await dialog.Result;
        if (closed is not { Canceled: false, Data: RefundResult result }) return;
        Snackbar.Add(result.Message, Severity.Success);
        target = await Refunds.FindTargetAsync(current.OrderId, CancellationToken.None) ?? current;
        await OnRefunded.InvokeAsync(result);
    }
}
