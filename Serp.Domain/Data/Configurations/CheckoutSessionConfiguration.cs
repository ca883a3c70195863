using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Checkout;

namespace Serp.Domain.Data.Configurations;

internal sealed class CheckoutSessionConfiguration : IEntityTypeConfiguration<CheckoutSession>
{
    public void Configure(EntityTypeBuilder<CheckoutSession> session)
    {
        session.ToTable("checkout_sessions", t =>
        {
            t.HasCheckConstraint("ck_checkout_sessions_status", "status IN ('pending','completed','failed','abandoned')");
            t.HasCheckConstraint("ck_checkout_sessions_source", "source IN ('stripe','paypal')");
        });
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.Metadata).HasColumnType("jsonb");
        session.Property(s => s.Status).IsRequired();
        session.Property(s => s.Source).IsRequired();
        session.Property(s => s.Version).IsRowVersion();

        session.HasIndex(s => s.StripeSessionId).IsUnique();
        session.HasIndex(s => s.StripePaymentIntentId);
        session.HasIndex(s => new { s.Status, s.CreatedAt }).IsDescending(false, true);
        session.HasIndex(s => new { s.CustomerEmail, s.CreatedAt }).IsDescending(false, true);
        // A PayPal session is found by metadata->>'paypal_order_id' (PurchaseColumns): a unique expression index for
        // PayPal rows, raw SQL in the migration PayPalSeams (EF cannot model it): ix_checkout_sessions_paypal_order_id.
    }
}
