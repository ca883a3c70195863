using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.GhlSync;

namespace Serp.Domain.Data.Configurations;

internal sealed class GhlDriftScanConfiguration : IEntityTypeConfiguration<GhlDriftScan>
{
    public void Configure(EntityTypeBuilder<GhlDriftScan> scan)
    {
        scan.ToTable("ghl_drift_scans", t => t.HasCheckConstraint("ck_ghl_drift_scans_status", "status IN ('queued','running','finished','failed')"));
        scan.Property(s => s.Id).UseIdentityAlwaysColumn();
        // The claim looks for queued scans and running ones whose lease ran out.
        scan.HasIndex(s => s.Status).HasFilter("status IN ('queued','running')");
    }
}
