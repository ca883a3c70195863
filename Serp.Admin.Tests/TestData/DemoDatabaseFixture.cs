using Microsoft.Extensions.Time.Testing;
using Serp.Domain.Demo;

namespace Serp.Admin.Tests.TestData;

/// <summary>A migrated database of the class's own with <see cref="Orders"/> demo orders (seed 7, fixed clock).</summary>
public sealed class DemoDatabaseFixture : IAsyncLifetime
{
    public const int Orders = 3000;

    public PostgresFixture Database { get; } = new();
    public DemoResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var generator = new DemoDataGenerator(TestCatalog.Create(), seed: 7, new FakeTimeProvider(TestCatalog.Now));
        Result = generator.Write(Database.DataSource, Orders);
    }

    public Task DisposeAsync() => Database.DisposeAsync();
}
