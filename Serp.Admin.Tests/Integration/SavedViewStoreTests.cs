using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Features.Orders;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

/// <summary>Saved views of /orders on real PostgreSQL: personal, named, replaced by name, deleted only by their owner.</summary>
public sealed class SavedViewStoreTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private const string Ana = "ana@serp.local";
    private const string Ben = "ben@serp.local";
    private readonly SavedViewStore store = new(new TestDbContextFactory(database), new FakeTimeProvider(TestCatalog.Now));

    [Fact]
    public async Task Views_are_personal_and_a_name_saved_again_replaces_its_filter()
    {
        Assert.Null(await store.SaveAsync(Ana, "orders", "Refunds", "status=refunded", CancellationToken.None));
        Assert.Null(await store.SaveAsync(Ana, "orders", "PayPal", "source=paypal", CancellationToken.None));
        Assert.Null(await store.SaveAsync(Ben, "orders", "Refunds", "status=refunded&currency=eur", CancellationToken.None));

        Assert.Null(await store.SaveAsync(Ana, "orders", " Refunds ", "status=refunded&dir=asc", CancellationToken.None));

        var anas = await store.ListAsync(Ana, "orders", CancellationToken.None);
        Assert.Equal([("PayPal", "source=paypal"), ("Refunds", "status=refunded&dir=asc")], anas.Select(v => (v.Name, v.Query)));
        Assert.Equal(["status=refunded&currency=eur"], (await store.ListAsync(Ben, "orders", CancellationToken.None)).Select(v => v.Query));
    }

    [Fact]
    public async Task Only_the_owner_deletes_a_view()
    {
        Assert.Null(await store.SaveAsync(Ana, "orders", "Mine", "source=stripe", CancellationToken.None));
        var view = (await store.ListAsync(Ana, "orders", CancellationToken.None)).Single(v => v.Name == "Mine");

        await store.DeleteAsync(Ben, view.Id, CancellationToken.None);
        Assert.Contains(await store.ListAsync(Ana, "orders", CancellationToken.None), v => v.Id == view.Id);

        await store.DeleteAsync(Ana, view.Id, CancellationToken.None);
        Assert.DoesNotContain(await store.ListAsync(Ana, "orders", CancellationToken.None), v => v.Id == view.Id);
    }

    [Theory]
    [InlineData(null, "Give the view a name.")]
    [InlineData("   ", "Give the view a name.")]
    [InlineData("an eighty-one character name ....................................................", "at most 80 characters")]
    public async Task A_missing_or_long_name_is_refused_and_nothing_is_saved(string? name, string message)
    {
        var before = (await store.ListAsync("carl@serp.local", "orders", CancellationToken.None)).Count;

        var error = await store.SaveAsync("carl@serp.local", "orders", name, "status=paid", CancellationToken.None);

        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal(before, (await store.ListAsync("carl@serp.local", "orders", CancellationToken.None)).Count);
    }
}
