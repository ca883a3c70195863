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
        order.Property(o => o.Version).IsRowVersion();

        order.HasOne(o => o.CheckoutSession).WithMany()
            .HasForeignKey(o => o.CheckoutSessionId)
            .OnDelete(DeleteBehavior.SetNull);

        order.HasIndex(o => o.StripePaymentIntentId).IsUnique();
        order.HasIndex(o => o.PaypalOrderId).IsUnique();
        order.HasIndex(o => o.PaypalCaptureId).IsUnique();
        order.HasIndex(o => o.StripeSessionId);
        order.HasIndex(o => o.StripeChargeId);
        order.HasIndex(o => o.CheckoutSessionId);
        // The Orders page: keyset-paged on (created_at, id) in both directions, optionally narrowed by one equality
        // filter. Each filter has its own (column, created_at, id) index, so the row-value seek
        // (created_at, id) < (@t, @id) is an index condition after the equality (docs/decisions/0008).
        order.HasIndex(o => new { o.CreatedAt, o.Id }).IsDescending(true, true);
        order.HasIndex(o => new { o.PaymentStatus, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        order.HasIndex(o => new { o.Source, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        order.HasIndex(o => new { o.OfferId, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        order.HasIndex(o => new { o.LanderId, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        order.HasIndex(o => new { o.Currency, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        order.HasIndex(o => new { o.AffiliateId, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        order.HasIndex(o => new { o.CustomerEmail, o.CreatedAt, o.Id }).IsDescending(false, true, true);
        // Sort by amount (and amount ranges), keyset-paged on (amount_total, id).
        order.HasIndex(o => new { o.AmountTotal, o.Id }).IsDescending(true, true);
        // Search by fragment, newest first: where matches are common, an index-only scan of this index evaluates
        // lower(customer_name|customer_email) LIKE on the included columns instead of visiting the table for every
        // row it passes over (docs/decisions/0009).
        order.HasIndex(o => new { o.CreatedAt, o.Id }, "ix_orders_search_recent").IsDescending(true, true)
            .HasDatabaseName("ix_orders_search_recent")
            .IncludeProperties(o => new { o.CustomerName, o.CustomerEmail });
        // Search: email prefix through lower(email) text_pattern_ops, fragments of email and name through trigrams.
        // Expression indexes are raw SQL in the migration (EF cannot model them); their names are listed here:
        // ix_orders_email_lower_prefix, ix_orders_email_trgm, ix_orders_name_trgm.
    }
}
