using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Audit;
using Serp.Domain.Checkout;
using Serp.Domain.Disputes;
using Serp.Domain.GhlSync;
using Serp.Domain.Licenses;
using Serp.Domain.Monitoring;
using Serp.Domain.Notes;
using Serp.Domain.Operators;
using Serp.Domain.Orders;
using Serp.Domain.Payments;
using Serp.Domain.Refunds;
using Serp.Domain.Reconciliation;
using Serp.Domain.Views;
using Serp.Domain.Webhooks;

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
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<PaymentFailure> PaymentFailures => Set<PaymentFailure>();
    public DbSet<License> Licenses => Set<License>();
    public DbSet<GhlSyncState> GhlSync => Set<GhlSyncState>();
    public DbSet<GhlSyncAttempt> GhlSyncAttempts => Set<GhlSyncAttempt>();
    public DbSet<GhlDriftScan> GhlDriftScans => Set<GhlDriftScan>();
    public DbSet<GhlDriftFinding> GhlDriftFindings => Set<GhlDriftFinding>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<SyncCursor> SyncCursors => Set<SyncCursor>();
    public DbSet<ReconciliationRun> ReconciliationRuns => Set<ReconciliationRun>();
    public DbSet<OrderNote> OrderNotes => Set<OrderNote>();
    public DbSet<Customers.CustomerTotal> CustomerTotals => Set<Customers.CustomerTotal>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<WebhookRefusal> WebhookRefusals => Set<WebhookRefusal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        // Partial email and name search (support desk): trigram GIN indexes on orders.
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SerpDbContext).Assembly);
    }
}
