using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Demo;

namespace Serp.Admin.Tests.Domain;

/// <summary>A large demo load drops indexes and foreign keys for speed; the schema must come back exactly.</summary>
public sealed class DemoBulkLoadTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private const string SchemaQuery = """
        SELECT indexdef FROM pg_indexes WHERE tablename IN ('orders', 'checkout_sessions', 'refunds', 'disputes', 'licenses')
        UNION ALL
        SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE conrelid::regclass::text IN ('orders', 'checkout_sessions', 'refunds', 'disputes', 'licenses')
        ORDER BY 1
        """;

    [Fact]
    public async Task A_bulk_load_restores_every_index_and_constraint()
    {
        var before = await SchemaAsync();

        var result = new DemoDataGenerator(TestCatalog.Create(), 3, new FakeTimeProvider(TestCatalog.Now)).Write(database.DataSource, 50_000);

        Assert.Equal(50_000, result.Orders);
        Assert.Equal(before, await SchemaAsync());
        Assert.Contains(before, d => d.Contains("UNIQUE INDEX ix_orders_stripe_payment_intent_id", StringComparison.Ordinal));
        Assert.Contains(before, d => d.StartsWith("fk_orders_checkout_sessions", StringComparison.Ordinal));
    }

    private async Task<List<string>> SchemaAsync()
    {
        await using var command = database.DataSource.CreateCommand(SchemaQuery);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
