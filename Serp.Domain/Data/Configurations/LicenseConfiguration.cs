using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Licenses;
using Serp.Domain.Orders;

namespace Serp.Domain.Data.Configurations;

internal sealed class LicenseConfiguration : IEntityTypeConfiguration<License>
{
    public void Configure(EntityTypeBuilder<License> license)
    {
        license.ToTable("licenses", t => t.HasCheckConstraint("ck_licenses_status", "status IN ('active','revoked')"));
        license.HasKey(l => l.Id);
        license.Property(l => l.Id).ValueGeneratedNever();
        license.HasOne<Order>().WithMany().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        license.HasIndex(l => l.Key).IsUnique();
        license.HasIndex(l => new { l.OrderId, l.ProductId }).IsUnique();
    }
}
