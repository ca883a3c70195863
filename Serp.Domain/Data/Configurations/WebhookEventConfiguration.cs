using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Webhooks;

namespace Serp.Domain.Data.Configurations;

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> webhook)
    {
        webhook.ToTable("webhook_events", t =>
            t.HasCheckConstraint("ck_webhook_events_status", "status IN ('received','processed','failed','ignored')"));
        webhook.HasKey(e => e.Id);
        webhook.Property(e => e.Id).UseIdentityAlwaysColumn();
        webhook.Property(e => e.Payload).HasColumnType("jsonb");
        webhook.HasIndex(e => new { e.Provider, e.EventId }).IsUnique();
        webhook.Property(e => e.Refs).HasDefaultValueSql("'{}'::text[]");
        webhook.HasIndex(e => e.Refs).HasMethod("gin");
        // The processor's queue: only the rows still to do, in the order it takes them (ORDER BY id), so taking the next
        // one reads the first index entry. Keyed by (next_attempt_at, id) it could not give that order: PostgreSQL sorted
        // the whole backlog under FOR UPDATE (no top-N sort), on disk past a few thousand rows (bench/RESULTS.md).
        webhook.HasIndex(e => e.Id).HasFilter("status = 'received'").HasDatabaseName("ix_webhook_events_queue");
        // Events by status, newest first: every status but 'received', which the queue index serves (in arrival order).
        // Left to cover 'received' too, it competes with the queue index: with statistics taken while the inbox was empty,
        // PostgreSQL took it and sorted the whole backlog for every event (bench/RESULTS.md).
        // Health per provider on /monitoring and the provider-silent rule: last event, events per hour, 4-week counts.
        webhook.HasIndex(e => new { e.Provider, e.ReceivedAt });
        webhook.HasIndex(e => new { e.Status, e.ReceivedAt }).IsDescending(false, true).HasFilter("status <> 'received'");
    }
}
