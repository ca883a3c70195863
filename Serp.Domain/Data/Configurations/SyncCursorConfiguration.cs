using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Reconciliation;

namespace Serp.Domain.Data.Configurations;

internal sealed class SyncCursorConfiguration : IEntityTypeConfiguration<SyncCursor>
{
    public void Configure(EntityTypeBuilder<SyncCursor> cursor)
    {
        cursor.ToTable("sync_cursors");
        cursor.HasKey(c => c.Name);
    }
}
