using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data;

/// <summary>
/// Turns the store's refusals (unique indexes, concurrency tokens) into the domain's exceptions, so that
/// whoever lost a race gets the same message as if the domain had seen the winner first.
/// </summary>
public static class StoreErrors
{
    private const int SqliteConstraint = 19;

    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException switch
        {
            PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint &&
                                      sqlite.SqliteExtendedErrorCode is 2067 or 1555,
            _ => false,
        };

    /// <summary>
    /// The store failed in a way no rule explains: the connection dropped, a timeout, a full disk, a constraint
    /// nobody translated. The caller tells the person to try again (nothing was saved, their input stays) and logs
    /// it; the circuit lives on. Cancellation and the domain's own refusals are not store failures.
    /// </summary>
    public static bool IsUnexpected(Exception exception) => exception switch
    {
        OperationCanceledException or DomainException => false,
        DbException or DbUpdateException or TimeoutException or RetryLimitExceededException => true,
        InvalidOperationException { InnerException: DbException or TimeoutException } => true,
        _ => false,
    };

    internal static async Task<DomainException?> TranslateAsync(AppDbContext db, DbUpdateException exception, CancellationToken ct)
    {
        if (exception is DbUpdateConcurrencyException && exception.Entries.Any(e => e.Entity is SessionSeats))
        {
            return new ConcurrentEditException(RuleCode.SeatChangedConcurrently, "Someone took or gave back a seat in this session at the same moment. Try again.");
        }

        // A claim writes its card's row too (the card notes where it is placed): when that row changed under it,
        // say what happened to the slot or the card rather than "someone changed this".
        var claim = db.ChangeTracker.Entries<Session>().FirstOrDefault(e => e.State == EntityState.Added)?.Entity;
        if (exception is DbUpdateConcurrencyException && claim is not null &&
            exception.Entries.Any(e => e.Entity is ProblemCard card && card.Id == claim.CardId))
        {
            var explained = await ExplainSessionConflictAsync(db, claim, ct);
            if (explained is not null)
            {
                return explained;
            }

            var title = await db.Cards.AsNoTracking().Where(c => c.Id == claim.CardId && c.Status == CardStatus.Withdrawn).Select(c => c.Title).FirstOrDefaultAsync(ct);
            if (title is not null)
            {
                return new RuleViolationException(RuleCode.CardWithdrawnCannotBePlaced, $"\"{title}\" was withdrawn by its author and cannot be placed.", title);
            }
        }

        if (exception is DbUpdateConcurrencyException)
        {
            return new ConcurrentEditException(RuleCode.ChangedConcurrently, "Someone else changed this at the same time. Reload to see their change, then try again.");
        }

        // A claim saves the session with its parts and its card in one batch; the entry named may be any of them.
        var entity = exception.Entries.Select(e => e.Entity).FirstOrDefault(e => e is Session) ?? exception.Entries.FirstOrDefault()?.Entity;
        if (claim is not null && entity is ProblemCard or SessionSeats or SessionTimer or SessionRecord)
        {
            entity = claim;
        }

        return entity switch
        {
            Session session => await ExplainSessionConflictAsync(db, session, ct),
            Offer => new RuleViolationException(RuleCode.AlreadyOffered, "You already responded to this card; change your existing offer instead."),
            Reservation => new RuleViolationException(RuleCode.AlreadyReserved, "You already have a seat or a waitlist place in this session."),
            Event evt => new InvalidInputException("slug", RuleCode.SlugTaken, $"The address \"{evt.Slug}\" is already used by another event.", arguments: [evt.Slug]),
            Room room => new RuleViolationException(RuleCode.RoomNameTaken, $"There is already a room called \"{room.Name}\".", room.Name),
            Round => new RuleViolationException(RuleCode.RoundStartTaken, "Another round starting at the same time was just added."),
            ContactRequest => new RuleViolationException(RuleCode.ContactAlreadyOpen, "You already have an open contact request with this person."),
            _ => null,
        };
    }

    private static async Task<DomainException?> ExplainSessionConflictAsync(AppDbContext db, Session claim, CancellationToken ct)
    {
        var rivals = await db.Sessions.AsNoTracking()
            .Where(s => s.RoundId == claim.RoundId && s.Status == SessionStatus.Active && s.Id != claim.Id)
            .ToListAsync(ct);
        var placedCard = await db.Sessions.AsNoTracking()
            .Where(s => s.CardId == claim.CardId && s.Status == SessionStatus.Active && s.Id != claim.Id)
            .FirstOrDefaultAsync(ct);

        var room = await db.Set<Room>().AsNoTracking().FirstAsync(r => r.Id == claim.RoomId, ct);
        var round = await db.Set<Round>().AsNoTracking().FirstAsync(r => r.Id == claim.RoundId, ct);
        var label = new SlotName(room.Name, round.Number);

        if (rivals.FirstOrDefault(s => s.RoomId == claim.RoomId) is { } winner)
        {
            var name = await db.People.AsNoTracking().Where(p => p.Id == winner.ModeratorId).Select(p => p.DisplayName).FirstOrDefaultAsync(ct);
            return new SlotTakenException(label, name);
        }

        if (placedCard is not null)
        {
            return new RuleViolationException(RuleCode.CardJustPlaced, "That card was just placed in another slot.");
        }

        if (rivals.Any(s => s.ModeratorId == claim.ModeratorId))
        {
            return new RuleViolationException(RuleCode.ModeratorJustPlaced, $"The moderator was just placed in another session in round {round.Number}.", round.Number);
        }

        return rivals.Any(s => s.HaverId == claim.HaverId)
            ? new RuleViolationException(RuleCode.AuthorJustPlaced, $"The card's author was just placed in another session in round {round.Number}.", round.Number)
            : null;
    }
}
