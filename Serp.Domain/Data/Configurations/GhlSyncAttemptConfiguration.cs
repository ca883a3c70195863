using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.GhlSync;

namespace Serp.Domain.Data.Configurations;

internal sealed class GhlSyncAttemptConfiguration : IEntityTypeConfiguration<GhlSyncAttempt>
{
    public void Configure(EntityTypeBuilder<GhlSyncAttempt> attempt)
    {
        attempt.ToTable("ghl_sync_attempts", t => t.HasCheckConstraint("ck_ghl_sync_attempts_outcome",
            "outcome IN ('succeeded','unchanged','retrying','failed','skipped')"));
        attempt.HasKey(a => a.Id);
        attempt.Property(a => a.Id).UseIdentityAlwaysColumn();
        attempt.Property(a => a.Calls).HasColumnType("jsonb");
        // A customer's history on /ghl, newest first.
        attempt.HasIndex(a => new { a.Email, a.StartedAt }).IsDescending(false, true);
        // Throughput and error rate over the last hour(s).
        attempt.HasIndex(a => a.FinishedAt);
    }
}
