using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Orders;

namespace Serp.Domain.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> order)
    {
        order.ToTable("orders", t =>
        {
            t.HasCheckConstraint("ck_orders_payment_status",
                "payment_status IN ('pending','paid','failed','partially_refunded','refunded','disputed')");
            t.HasCheckConstraint("ck_orders_source", "source IN ('stripe','paypal')");
        });
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).ValueGeneratedNever();
        order.Property(o => o.Metadata).HasColumnType("jsonb");
        order.Property(o => o.Currency).IsRequired();
        order.Property(o => o.PaymentStatus).IsRequired();
        order.Property(o => o.Source).IsRequired();

        order.HasOne(o => o.CheckoutSession).WithMany()
            .HasForeignKey(o => o.CheckoutSessionId)
            .OnDelete(DeleteBehavior.SetNull);

        order.HasIndex(o => o.StripePaymentIntentId).IsUnique();
        order.HasIndex(o => o.PaypalOrderId).IsUnique();
        order.HasIndex(o => o.PaypalCaptureId).IsUnique();
        order.HasIndex(o => o.StripeSessionId);
        order.HasIndex(o => o.StripeChargeId);
        order.HasIndex(o => o.CheckoutSessionId);
        // The Orders page: newest first, keyset-pageable, optionally narrowed by status, offer or customer.
        order.HasIndex(o => new { o.CreatedAt, o.Id }).IsDescending(true, true);
        order.HasIndex(o => new { o.PaymentStatus, o.CreatedAt }).IsDescending(false, true);
        order.HasIndex(o => new { o.OfferId, o.CreatedAt }).IsDescending(false, true);
        order.HasIndex(o => new { o.CustomerEmail, o.CreatedAt }).IsDescending(false, true);
    }
}
