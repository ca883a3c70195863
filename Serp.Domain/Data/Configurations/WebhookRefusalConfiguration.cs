using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Monitoring;

namespace Serp.Domain.Data.Configurations;

internal sealed class WebhookRefusalConfiguration : IEntityTypeConfiguration<WebhookRefusal>
{
    public void Configure(EntityTypeBuilder<WebhookRefusal> refusal)
    {
        refusal.ToTable("webhook_refusals", t => t.HasCheckConstraint("ck_webhook_refusals_count", "count > 0"));
        refusal.HasKey(r => new { r.Provider, r.Reason, r.Minute });
        refusal.HasIndex(r => r.Minute);
    }
}
