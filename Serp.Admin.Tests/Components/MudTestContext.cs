using Bunit;
using MudBlazor;
using MudBlazor.Services;

namespace Serp.Admin.Tests.Components;

/// <summary>
/// bUnit with MudBlazor's services, loose JS interop and no transitions. MudBlazor's services are only
/// IAsyncDisposable, so xunit 2 must dispose the context asynchronously (IAsyncLifetime).
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    // bUnit waits 1 s by default; CI shares two cores with PostgreSQL, Chromium and the app under test, where a
    // render after an awaited query can take longer. A wait returns as soon as its assertion holds.
    static MudTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeTestAsync();
        await base.DisposeAsync();
    }

    protected virtual Task DisposeTestAsync() => Task.CompletedTask;
}
