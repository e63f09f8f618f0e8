using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Configurations;

/// <summary>
/// The event aggregate (the event, its rooms, rounds and members) and the session aggregate (the session's
/// slot, its seats and reservations, its timer and its record: one row and one concurrency token each, ADR 0010).
/// </summary>
internal sealed class EventConfiguration :
    IEntityTypeConfiguration<Event>,
    IEntityTypeConfiguration<Room>,
    IEntityTypeConfiguration<Round>,
    IEntityTypeConfiguration<EventMember>,
    IEntityTypeConfiguration<EventRemoval>,
    IEntityTypeConfiguration<Session>,
    IEntityTypeConfiguration<SessionSeats>,
    IEntityTypeConfiguration<SessionTimer>,
    IEntityTypeConfiguration<SessionRecord>,
    IEntityTypeConfiguration<SessionFeedback>,
    IEntityTypeConfiguration<Kudos>,
    IEntityTypeConfiguration<Reservation>
{
    /// <summary>Only sessions that hold their slot take part in the slot rules.</summary>
    internal const string ActiveSessionFilter = "\"Status\" = 'Active'";

    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.ToTable("Events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Slug).HasMaxLength(60);
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.Property(e => e.TimeZoneId).HasMaxLength(64);
        builder.Property(e => e.JoinCode).HasMaxLength(32);
        builder.Property(e => e.ModeratorInviteCode).HasMaxLength(32);
        builder.Property(e => e.WallCode).HasMaxLength(32);
        builder.HasIndex(e => e.JoinCode).IsUnique();
        builder.HasIndex(e => e.ModeratorInviteCode).IsUnique();
        builder.Property(e => e.Phase).HasConversion<string>().HasMaxLength(16);
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
        builder.Ignore(e => e.AcceptsClaims);
        builder.Ignore(e => e.TimeZone);

        builder.HasMany(e => e.Rooms).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Rounds).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Members).WithOne().HasForeignKey(m => m.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Rooms).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(e => e.Rounds).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(e => e.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Removals).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Removals).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.ToTable("Rooms", t => t.HasCheckConstraint("CK_Rooms_Capacity", "\"Capacity\" > 0"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.EventId, r.Name }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Round> builder)
    {
        builder.ToTable("Rounds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Ignore(r => r.EndsAt);
        builder.HasIndex(r => new { r.EventId, r.StartsAt }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<EventMember> builder)
    {
        builder.ToTable("EventMembers");
        builder.HasKey(m => new { m.EventId, m.PersonId });
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.PersonId);
        builder.Property(m => m.CalendarToken).HasMaxLength(EventMember.CalendarTokenMaxLength);
        builder.HasIndex(m => m.CalendarToken).IsUnique();
    }

    public void Configure(EntityTypeBuilder<EventRemoval> builder)
    {
        // No foreign key to People: the record outlives a deleted account (it explains the removal).
        builder.ToTable("EventRemovals");
        builder.HasKey(r => new { r.EventId, r.PersonId });
    }

    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
        builder.Ignore(s => s.IsActive);
        builder.Ignore(s => s.SeatsTaken);

        builder.HasOne<Event>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Room>().WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Round>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProblemCard>().WithMany().HasForeignKey(s => s.CardId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.ModeratorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.HaverId).OnDelete(DeleteBehavior.Restrict);

        // The slot rules, enforced by the database as well, so that a race has exactly one winner.
        builder.HasIndex(s => new { s.RoomId, s.RoundId }, "UX_Sessions_Slot").IsUnique().HasFilter(ActiveSessionFilter);
        builder.HasIndex(s => s.CardId, "UX_Sessions_Card").IsUnique().HasFilter(ActiveSessionFilter);
        builder.HasIndex(s => new { s.RoundId, s.ModeratorId }, "UX_Sessions_RoundModerator").IsUnique().HasFilter(ActiveSessionFilter);
        builder.HasIndex(s => new { s.RoundId, s.HaverId }, "UX_Sessions_RoundHaver").IsUnique().HasFilter(ActiveSessionFilter);

        builder.HasMany(s => s.Reservations).WithOne().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Reservations).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne(s => s.Seats).WithOne().HasForeignKey<SessionSeats>(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Timer).WithOne().HasForeignKey<SessionTimer>(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Record).WithOne().HasForeignKey<SessionRecord>(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Feedback).WithOne().HasForeignKey(f => f.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Feedback).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Kudos).WithOne().HasForeignKey(k => k.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Kudos).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<Kudos> builder)
    {
        builder.ToTable("Kudos");
        builder.HasKey(k => new { k.SessionId, k.ToId });
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.ToId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.FromId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SessionFeedback> builder)
    {
        builder.ToTable("SessionFeedback", t =>
            t.HasCheckConstraint("CK_SessionFeedback_Rating", $"\"Rating\" BETWEEN {SessionFeedback.MinRating} AND {SessionFeedback.MaxRating}"));
        builder.HasKey(f => new { f.SessionId, f.PersonId });
        builder.Property(f => f.Length).HasConversion<string>().HasMaxLength(16);
        // Free text is unbounded in the database: the domain enforces the limit in characters a person sees.
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SessionSeats> builder)
    {
        builder.ToTable("SessionSeats", t =>
        {
            t.HasCheckConstraint("CK_SessionSeats_Taken", "\"Taken\" >= 0");
            t.HasCheckConstraint("CK_SessionSeats_Waitlisted", "\"Waitlisted\" >= 0");
        });
        builder.HasKey(x => x.SessionId);
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<SessionTimer> builder)
    {
        builder.ToTable("SessionTimers");
        builder.HasKey(x => x.SessionId);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<SessionRecord> builder)
    {
        builder.ToTable("SessionRecords");
        builder.HasKey(x => x.SessionId);
        // Free text is unbounded in the database: the domain enforces the limits in characters a person sees.
        builder.Ignore(x => x.IsEmpty);
        builder.Ignore(x => x.IsPublished);
        builder.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Property<Guid>(AppDbContext.VersionProperty).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable("Reservations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.SessionId, r.PersonId }).IsUnique();
    }
}
