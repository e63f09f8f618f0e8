using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Configurations;

/// <summary>The card aggregate: a problem card and the offers made on it.</summary>
internal sealed class CardConfiguration : IEntityTypeConfiguration<ProblemCard>, IEntityTypeConfiguration<Offer>, IEntityTypeConfiguration<CardDraft>
{
    public void Configure(EntityTypeBuilder<ProblemCard> builder)
    {
        builder.ToTable("Cards");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        // Free text is unbounded in the database: the domain enforces the limits in characters a person sees.
        builder.Property(c => c.Language).HasMaxLength(35);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
        builder.Ignore(c => c.IsScheduled);
        builder.HasOne<Event>().WithMany().HasForeignKey(c => c.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.EventId, c.Status });

        builder.HasMany(c => c.Offers).WithOne().HasForeignKey(o => o.CardId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Offers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("Offers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.SolverId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.CardId, o.SolverId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<CardDraft> builder)
    {
        builder.ToTable("CardDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Language).HasMaxLength(35 * 2 * 16);
        builder.HasOne<Event>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.AuthorId).OnDelete(DeleteBehavior.Cascade);
        // One draft per person, event and card; a new card's draft has CardId = Guid.Empty (no NULLs, so the
        // unique index means the same on PostgreSQL and SQLite).
        builder.HasIndex(d => new { d.AuthorId, d.EventId, d.CardId }).IsUnique();
    }
}
