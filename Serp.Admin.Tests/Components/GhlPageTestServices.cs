using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serp.Admin.Features.GhlSync;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Components;

internal static class GhlPageTestServices
{
    /// <summary>
    /// What the GHL parts of a page need in a component test: the page's services, the outbox, and a
    /// <see cref="StubGhlApi"/> (returned; not configured until the test says so). <paramref name="options"/> is read
    /// when the page first asks, so a test may set its token before rendering.
    /// </summary>
    public static StubGhlApi AddGhlPageForTests(this IServiceCollection services, GhlOptions? options = null)
    {
        var ghl = new StubGhlApi { IsConfigured = false };
        services.AddOptions<GhlOptions>().Configure(o => (o.Token, o.LocationId) = (options?.Token, options?.LocationId));
        services.AddSingleton<GhlOutbox>();
        services.AddSingleton<IGhlApi>(ghl);
        services.AddSingleton<IGhlLocationMap>(ghl);
        services.TryAddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddGhlPageServices();
        return ghl;
    }
}
