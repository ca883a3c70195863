using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;

namespace Serp.Admin.Tests.TestData;

/// <summary>The app's services take a context factory; this one opens contexts on a test database.</summary>
public sealed class TestDbContextFactory(PostgresFixture database) : IDbContextFactory<SerpDbContext>
{
    public SerpDbContext CreateDbContext() => database.CreateDbContext();
}
