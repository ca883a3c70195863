using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Views;

namespace Serp.Domain.Data.Configurations;

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> view)
    {
        view.ToTable("saved_views", t => t.HasCheckConstraint("ck_saved_views_name", "length(name) BETWEEN 1 AND 80"));
        view.HasKey(v => v.Id);
        view.Property(v => v.Id).ValueGeneratedNever();
        view.HasIndex(v => new { v.Owner, v.Page, v.Name }).IsUnique();
    }
}
