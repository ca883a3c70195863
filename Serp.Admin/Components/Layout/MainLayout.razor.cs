using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using Serp.Admin.Auth;
using Serp.Admin.Components.Shared;
using Serp.Admin.Features.Preferences;

namespace Serp.Admin.Components.Layout;

public sealed partial class MainLayout : IAsyncDisposable
{
    private bool drawerOpen = true;
    private bool darkMode;
    private bool interactive;
    private string subject = "";
    private OperatorTimeZone timeZone = OperatorTimeZone.Utc;
    private ErrorBoundary? errorBoundary;
    private IJSObjectReference? module;

    [Inject] private OperatorPreferences Preferences { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ILogger<MainLayout> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is null) return;
        var user = (await AuthenticationState).User;
        subject = StaffIdentity.Subject(user);
        if (user.Identity?.IsAuthenticated == true)
        {
            darkMode = await Preferences.GetDarkModeAsync(subject, CancellationToken.None);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        interactive = true;
        try
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/operator.js");
            var zone = await module.InvokeAsync<string>("timeZone");
            timeZone = OperatorTimeZone.FromIana(zone);
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away before the first render finished: nothing to show it to.
        }
        StateHasChanged();
    }

    private async Task ToggleDarkModeAsync()
    {
        darkMode = !darkMode;
        try
        {
            await Preferences.SetDarkModeAsync(subject, darkMode, CancellationToken.None);
        }
#pragma warning disable CA1031 // A lost preference must not break the page; the toggle still applies now.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Could not save the dark-mode preference");
        }
    }

    private void Recover() => errorBoundary?.Recover();

    public async ValueTask DisposeAsync()
    {
        if (module is null) return;
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // Expected when the circuit is already gone.
        }
    }
}
