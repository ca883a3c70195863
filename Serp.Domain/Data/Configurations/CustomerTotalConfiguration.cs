using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Customers;

namespace Serp.Domain.Data.Configurations;

internal sealed class CustomerTotalConfiguration : IEntityTypeConfiguration<CustomerTotal>
{
    public void Configure(EntityTypeBuilder<CustomerTotal> total)
    {
        total.ToTable("customer_totals");
        total.HasKey(t => new { t.Email, t.Currency });
        total.Property(t => t.Net).HasComputedColumnSql("gross - refunded", stored: true);
        // The customer list: one currency, by net spend or by last purchase, keyset-paged on (value, email).
        total.HasIndex(t => new { t.Currency, t.Net, t.Email }).IsDescending(false, true, true);
        total.HasIndex(t => new { t.Currency, t.LastPurchaseAt, t.Email }).IsDescending(false, true, true);
        // Email prefix (text_pattern_ops) and name fragment (trigram) indexes are raw SQL in the CustomerTotals migration.
    }
}
