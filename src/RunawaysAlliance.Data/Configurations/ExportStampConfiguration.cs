using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Data.Configurations;

internal sealed class ExportStampConfiguration : IEntityTypeConfiguration<ExportStamp>
{
    public void Configure(EntityTypeBuilder<ExportStamp> builder)
    {
        builder.ToTable("ExportStamps");
        builder.HasKey(s => new { s.EventId, s.Name });
        builder.Property(s => s.Name).HasMaxLength(ExportStamp.NameMaxLength);
        builder.Property(s => s.Hash).HasMaxLength(64);
        builder.HasOne<Event>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
