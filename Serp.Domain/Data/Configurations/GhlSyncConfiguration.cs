using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.GhlSync;

namespace Serp.Domain.Data.Configurations;

internal sealed class GhlSyncConfiguration : IEntityTypeConfiguration<GhlSyncState>
{
    public void Configure(EntityTypeBuilder<GhlSyncState> sync)
    {
        sync.ToTable("ghl_sync", t => t.HasCheckConstraint("ck_ghl_sync_status",
            "status IN ('pending','in_progress','succeeded','failed','skipped')"));
        sync.HasKey(s => s.Email);
        sync.Property(s => s.Priority).HasConversion<short>();
        sync.Property(s => s.EnrolledWorkflowIds).HasDefaultValueSql("'{}'::text[]");
        // The claim: WHERE status = 'pending' AND next_attempt_at <= now ORDER BY priority, next_attempt_at LIMIT 1
        // (fresh before bulk, oldest first) reads the first matching entry; the page counts by status with it too.
        sync.HasIndex(s => new { s.Status, s.Priority, s.NextAttemptAt }).HasDatabaseName("ix_ghl_sync_claim");
        // Progress of a bulk resync (rows of one bulk by status).
        sync.HasIndex(s => s.BulkRequestedAt).HasFilter("bulk_requested_at IS NOT NULL");
    }
}
