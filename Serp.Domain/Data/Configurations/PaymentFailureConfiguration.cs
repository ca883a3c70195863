using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Payments;

namespace Serp.Domain.Data.Configurations;

internal sealed class PaymentFailureConfiguration : IEntityTypeConfiguration<PaymentFailure>
{
    public void Configure(EntityTypeBuilder<PaymentFailure> failure)
    {
        failure.ToTable("payment_failures");
        failure.HasKey(f => f.Id);
        failure.Property(f => f.Id).ValueGeneratedNever();
        failure.HasIndex(f => new { f.Source, f.PaymentRef, f.AttemptRef }).IsUnique();
        failure.HasIndex(f => f.OccurredAt).IsDescending();
        failure.HasIndex(f => f.CustomerEmail);
    }
}
