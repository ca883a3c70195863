using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Serp.Domain.Operators;

namespace Serp.Domain.Data.Configurations;

internal sealed class OperatorPreferenceConfiguration : IEntityTypeConfiguration<OperatorPreference>
{
    public void Configure(EntityTypeBuilder<OperatorPreference> preference)
    {
        preference.ToTable("operator_preferences");
        preference.HasKey(p => p.Subject);
    }
}
