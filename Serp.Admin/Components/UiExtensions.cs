using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using MudBlazor.Services;
using Serp.Admin.Auth;

namespace Serp.Admin.Components;

internal static class UiExtensions
{
    public static IHostApplicationBuilder AddAdminUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = true;
        });
        builder.Services.AddCascadingAuthenticationState();
        // Registered after AddRazorComponents so that it replaces the default provider.
        builder.Services.AddScoped<AuthenticationStateProvider, SessionRevalidatingStateProvider>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static WebApplication MapAdminUi(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.LocalRedirect("/orders"));
        // Our own CSP (SecurityHeadersMiddleware) already says frame-ancestors 'none': no second CSP header.
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
