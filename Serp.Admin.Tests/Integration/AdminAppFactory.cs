using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Serp.Admin.Tests.Integration;

/// <summary>
/// The real app (its Program.cs) over a test database. <see cref="StartOnLoopback"/> serves it on a real
/// 127.0.0.1 port for browsers and for the OpenID Connect provider to redirect back to.
/// </summary>
public sealed class AdminAppFactory(string connectionString, string environment = "Development",
    IReadOnlyDictionary<string, string?>? settings = null, ILoggerProvider? logSink = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:Serp", connectionString);
        // appsettings.json says Information; the test output only needs what went wrong.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (logSink is not null) logging.AddProvider(logSink);
        });
    }

    /// <summary>Starts Kestrel on a free loopback port and returns its base address (no trailing slash).</summary>
    public string StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return addresses.Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public HttpClient CreateNonRedirectingClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
