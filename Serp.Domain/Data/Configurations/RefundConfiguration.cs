using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Orders;
using Serp.Domain.Refunds;

namespace Serp.Domain.Data.Configurations;

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> refund)
    {
        refund.ToTable("refunds");
        refund.HasKey(r => r.Id);
        refund.Property(r => r.Id).ValueGeneratedNever();
        refund.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.SetNull);
        refund.HasIndex(r => r.ProviderRefundId).IsUnique();
        refund.HasIndex(r => r.RequestId).IsUnique();
        refund.HasIndex(r => r.OrderId);
        refund.HasIndex(r => r.PaymentRef);
        refund.HasIndex(r => r.ChargeId);
        refund.HasIndex(r => r.CreatedAt).IsDescending();
    }
}
