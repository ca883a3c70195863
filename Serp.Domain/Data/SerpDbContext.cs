using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Checkout;
using Serp.Domain.Operators;
using Serp.Domain.Orders;

namespace Serp.Domain.Data;

/// <summary>The one EF Core context of Serp Admin, over PostgreSQL with snake_case names.</summary>
/// <remarks>
/// Add a migration (from the repository root):
/// <c>dotnet ef migrations add NAME --project Serp.Domain --startup-project Serp.Domain --output-dir Data/Migrations</c>.
/// Design time builds the context through <see cref="SerpDbContextDesignFactory"/>; no database is needed.
/// </remarks>
public sealed class SerpDbContext(DbContextOptions<SerpDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<CheckoutSession> CheckoutSessions => Set<CheckoutSession>();
    public DbSet<OperatorPreference> OperatorPreferences => Set<OperatorPreference>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SerpDbContext).Assembly);
    }
}
