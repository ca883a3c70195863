using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.GhlSync;

namespace Serp.Domain.Data.Configurations;

internal sealed class GhlDriftFindingConfiguration : IEntityTypeConfiguration<GhlDriftFinding>
{
    public void Configure(EntityTypeBuilder<GhlDriftFinding> finding)
    {
        finding.ToTable("ghl_drift_findings");
        finding.Property(f => f.Id).UseIdentityAlwaysColumn();
        finding.HasOne<GhlDriftScan>().WithMany().HasForeignKey(f => f.ScanId).OnDelete(DeleteBehavior.Cascade);
        // One finding per customer and scan; the page lists a scan's findings by email.
        finding.HasIndex(f => new { f.ScanId, f.Email }).IsUnique();
    }
}
