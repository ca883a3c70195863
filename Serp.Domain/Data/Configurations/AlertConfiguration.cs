using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Monitoring;

namespace Serp.Domain.Data.Configurations;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> alert)
    {
        alert.ToTable("alerts", t =>
        {
            t.HasCheckConstraint("ck_alerts_rule", "rule IN ('order_volume','payment_failure_rate','refund_spike','provider_silent','webhook_verification_failures','events_stuck','ghl_backlog')");
            t.HasCheckConstraint("ck_alerts_severity", "severity IN ('critical','warning')");
        });
        alert.HasKey(a => a.Id);
        alert.Property(a => a.Id).UseIdentityAlwaysColumn();
        // One open alert per rule and subject, whoever evaluates.
        alert.HasIndex(a => new { a.Rule, a.Subject }).IsUnique().HasFilter("resolved_at IS NULL").HasDatabaseName("ux_alerts_open");
        alert.HasIndex(a => a.OpenedAt).IsDescending();
        // The Slack outbox: alerts that still owe a message.
        alert.HasIndex(a => a.Id).HasFilter("open_notified_at IS NULL OR (resolved_at IS NOT NULL AND resolve_notified_at IS NULL)")
            .HasDatabaseName("ix_alerts_notify");
    }
}
