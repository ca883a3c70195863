using Microsoft.EntityFrameworkCore;
using Npgsql;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.Integration;

public sealed class MigrationTests : IAsyncLifetime
{
    private string database = "";

    public async Task InitializeAsync() => database = await TestDatabases.CreateEmptyAsync("migr");

    public Task DisposeAsync() => TestDatabases.DropAsync(database);

    [Fact]
    public async Task Migrations_create_the_contract_columns_of_orders()
    {
        await TestDatabases.MigrateAsync(database);

        var columns = await ColumnsAsync("orders");
        var expected = new Dictionary<string, string>
        {
            ["id"] = "uuid", ["checkout_session_id"] = "uuid", ["stripe_session_id"] = "text",
            ["stripe_payment_intent_id"] = "text", ["stripe_charge_id"] = "text", ["amount_total"] = "bigint",
            ["currency"] = "text", ["offer_id"] = "text", ["lander_id"] = "text", ["customer_email"] = "text",
            ["customer_name"] = "text", ["metadata"] = "jsonb", ["payment_status"] = "text", ["payment_method"] = "text",
            ["source"] = "text", ["created_at"] = "timestamp with time zone", ["updated_at"] = "timestamp with time zone",
            ["paypal_order_id"] = "text", ["paypal_capture_id"] = "text",
        };
        foreach (var (name, type) in expected)
        {
            Assert.True(columns.TryGetValue(name, out var actual), $"orders.{name} is missing");
            Assert.Equal(type, actual);
        }
    }

    [Fact]
    public async Task Migrations_create_the_contract_columns_of_checkout_sessions()
    {
        await TestDatabases.MigrateAsync(database);

        var columns = await ColumnsAsync("checkout_sessions");
        var expected = new Dictionary<string, string>
        {
            ["id"] = "uuid", ["stripe_session_id"] = "text", ["stripe_payment_intent_id"] = "text", ["offer_id"] = "text",
            ["lander_id"] = "text", ["customer_email"] = "text", ["metadata"] = "jsonb", ["status"] = "text",
            ["source"] = "text", ["created_at"] = "timestamp with time zone", ["updated_at"] = "timestamp with time zone",
        };
        Assert.Equal(expected.OrderBy(e => e.Key), columns.OrderBy(c => c.Key));
    }

    [Fact]
    public async Task Contract_unique_keys_and_foreign_key_exist()
    {
        await TestDatabases.MigrateAsync(database);

        var unique = await ScalarListAsync("""
            SELECT t.relname || '.' || a.attname FROM pg_index i
            JOIN pg_class t ON t.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
            WHERE i.indisunique AND i.indnatts = 1 AND t.relname IN ('orders', 'checkout_sessions')
            """);
        Assert.Contains("orders.stripe_payment_intent_id", unique);
        Assert.Contains("orders.paypal_order_id", unique);
        Assert.Contains("orders.paypal_capture_id", unique);
        Assert.Contains("checkout_sessions.stripe_session_id", unique);

        var foreignKeys = await ScalarListAsync("""
            SELECT confrelid::regclass::text FROM pg_constraint WHERE contype = 'f' AND conrelid = 'orders'::regclass
            """);
        Assert.Equal(["checkout_sessions"], foreignKeys);
    }

    [Fact]
    public async Task Applying_migrations_twice_changes_nothing()
    {
        await TestDatabases.MigrateAsync(database);
        var before = await ScalarListAsync("SELECT migration_id FROM __ef_migrations_history ORDER BY 1");

        await TestDatabases.MigrateAsync(database);

        Assert.Equal(before, await ScalarListAsync("SELECT migration_id FROM __ef_migrations_history ORDER BY 1"));
        Assert.NotEmpty(before);
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var dataSource = SerpDatabase.CreateDataSource(TestDatabases.ConnectionString(database));
        var options = SerpDatabase.Configure(new DbContextOptionsBuilder<SerpDbContext>(), dataSource);
        await using var db = new SerpDbContext((DbContextOptions<SerpDbContext>)options.Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The EF model differs from the last migration: add one with the command in SerpDbContext's remarks.");
    }

    [Fact]
    public async Task Payment_status_outside_the_documented_set_is_rejected()
    {
        await TestDatabases.MigrateAsync(database);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""
            INSERT INTO orders (id, amount_total, currency, payment_status, source, created_at, updated_at)
            VALUES (gen_random_uuid(), 100, 'usd', 'settled', 'stripe', now(), now())
            """));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    private async Task<Dictionary<string, string>> ColumnsAsync(string table)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @t", connection);
        command.Parameters.AddWithValue("t", table);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<string, string>();
        while (await reader.ReadAsync()) columns[reader.GetString(0)] = reader.GetString(1);
        return columns;
    }

    private async Task<List<string>> ScalarListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
