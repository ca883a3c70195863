using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.GhlSync;

namespace Serp.Domain.Data.Configurations;

internal sealed class GhlSyncConfiguration : IEntityTypeConfiguration<GhlSyncState>
{
    public void Configure(EntityTypeBuilder<GhlSyncState> sync)
    {
        sync.ToTable("ghl_sync", t => t.HasCheckConstraint("ck_ghl_sync_status", "status IN ('pending','in_progress','succeeded','failed')"));
        sync.HasKey(s => s.Email);
        sync.HasIndex(s => new { s.Status, s.NextAttemptAt });
    }
}
