using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

/// <summary>The app in Development (dev sign-in) over a migrated database of the test class's own.</summary>
public sealed class AdminAppFixture : IAsyncLifetime
{
    public PostgresFixture Database { get; } = new();
    public AdminAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new AdminAppFactory(Database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
