using Serp.Admin.Tests.Fakes.Oidc;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

/// <summary>
/// The app in Production, signing staff in through the test OpenID Connect provider, both on real loopback ports,
/// over a migrated database of the test class's own.
/// </summary>
public sealed class OidcAppFixture : IAsyncLifetime
{
    public const string ClientId = "serp-admin";
    private const string ClientSecret = "serp-admin-test-secret";

    public PostgresFixture Database { get; } = new();
    public TestOidcProvider Provider { get; private set; } = null!;
    public AdminAppFactory Factory { get; private set; } = null!;
    public string AppBase { get; private set; } = "";

    public Uri Url(string path) => new($"{AppBase}{path}");

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Provider = await TestOidcProvider.StartAsync();
        // Production, the real configuration: Secure cookies (TestBrowser keeps them over http), no dev sign-in.
        Factory = new AdminAppFactory(Database.ConnectionString, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = Provider.Authority,
            ["Auth:Oidc:ClientId"] = ClientId,
            ["Auth:Oidc:ClientSecret"] = ClientSecret,
            ["Auth:Oidc:RoleClaim"] = "role",
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        });
        AppBase = Factory.StartOnLoopback();
        Provider.RegisterClient(new TestOidcClient(ClientId, ClientSecret,
            RedirectUri: Url("/signin-oidc"), PostLogoutRedirectUri: Url("/signout-callback-oidc")));
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Provider.DisposeAsync();
        await Database.DisposeAsync();
    }
}
