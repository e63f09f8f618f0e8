using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Configurations;

/// <summary>The follow-up aggregate (issue 13): the meeting, and one invitation row per invited person.</summary>
internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>, IEntityTypeConfiguration<FollowUpInvitation>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("FollowUps", t =>
            t.HasCheckConstraint("CK_FollowUps_Minutes", $"\"Minutes\" BETWEEN {FollowUp.MinMinutes} AND {FollowUp.MaxMinutes}"));
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        // The proposed times are a small list (one to five) read with the meeting: a primitive collection column.
        builder.PrimitiveCollection(f => f.Times);
        builder.Ignore(f => f.Length);
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
        builder.HasOne<Event>().WithMany().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Session>().WithMany().HasForeignKey(f => f.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.StarterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => f.SessionId);
        builder.HasMany(f => f.Invitations).WithOne().HasForeignKey(i => i.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Invitations).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<FollowUpInvitation> builder)
    {
        builder.ToTable("FollowUpInvitations");
        builder.HasKey(i => new { i.FollowUpId, i.PersonId });
        builder.Property(i => i.Answer).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
        // "My follow-ups": a person's invitations across events.
        builder.HasIndex(i => i.PersonId);
    }
}
