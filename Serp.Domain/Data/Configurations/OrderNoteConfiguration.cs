using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Notes;
using Serp.Domain.Orders;

namespace Serp.Domain.Data.Configurations;

internal sealed class OrderNoteConfiguration : IEntityTypeConfiguration<OrderNote>
{
    public void Configure(EntityTypeBuilder<OrderNote> note)
    {
        note.ToTable("order_notes", t => t.HasCheckConstraint("ck_order_notes_body", "length(body) BETWEEN 1 AND 4000"));
        note.HasKey(n => n.Id);
        note.Property(n => n.Id).ValueGeneratedNever();
        note.HasOne<Order>().WithMany().HasForeignKey(n => n.OrderId).OnDelete(DeleteBehavior.Cascade);
        note.HasIndex(n => new { n.OrderId, n.CreatedAt });
    }
}
