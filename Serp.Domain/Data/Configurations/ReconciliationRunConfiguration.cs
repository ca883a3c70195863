using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Reconciliation;

namespace Serp.Domain.Data.Configurations;

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> run)
    {
        run.ToTable("reconciliation_runs", t => t.HasCheckConstraint("ck_reconciliation_runs_outcome",
            "outcome IN ('completed','completed_with_failures','rate_limited','failed')"));
        run.Property(r => r.Id).UseIdentityAlwaysColumn();
        // /monitoring: the newest runs of each provider.
        run.HasIndex(r => new { r.Provider, r.StartedAt }).IsDescending(false, true);
    }
}
