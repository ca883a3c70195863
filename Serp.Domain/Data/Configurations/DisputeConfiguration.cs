using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Disputes;
using Serp.Domain.Orders;

namespace Serp.Domain.Data.Configurations;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> dispute)
    {
        dispute.ToTable("disputes");
        dispute.HasKey(d => d.Id);
        dispute.Property(d => d.Id).ValueGeneratedNever();
        dispute.HasOne<Order>().WithMany().HasForeignKey(d => d.OrderId).OnDelete(DeleteBehavior.SetNull);
        dispute.HasIndex(d => d.ProviderDisputeId).IsUnique();
        dispute.HasIndex(d => d.OrderId);
        dispute.HasIndex(d => d.PaymentRef);
        dispute.HasIndex(d => d.ChargeId);
        dispute.HasIndex(d => new { d.Status, d.EvidenceDueBy });
    }
}
