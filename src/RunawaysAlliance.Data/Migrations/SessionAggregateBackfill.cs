namespace RunawaysAlliance.Data.Migrations;

/// <summary>
/// Moves existing sessions into the session aggregate's new rows (ADR 0010): the capacity copied from the
/// room, seat counts from the reservations, a timer that has not started, an empty record, and the card's
/// own note of where it is placed. Plain SQL that PostgreSQL and SQLite both run; a new version token is
/// the session's id (any value that differs from what a stale reader holds would do).
/// </summary>
public static class SessionAggregateBackfill
{
    public static readonly string[] Statements =
    [
        """UPDATE "Sessions" SET "Capacity" = (SELECT r."Capacity" FROM "Rooms" r WHERE r."Id" = "Sessions"."RoomId")""",
        """UPDATE "Cards" SET "SessionId" = (SELECT s."Id" FROM "Sessions" s WHERE s."CardId" = "Cards"."Id" AND s."Status" = 'Active')""",
        """
        INSERT INTO "SessionSeats" ("SessionId", "Taken", "Waitlisted", "IsOpen", "Version")
        SELECT s."Id",
               (SELECT COUNT(*) FROM "Reservations" r WHERE r."SessionId" = s."Id" AND NOT r."IsWaitlisted"),
               (SELECT COUNT(*) FROM "Reservations" r WHERE r."SessionId" = s."Id" AND r."IsWaitlisted"),
               s."Status" = 'Active',
               s."Id"
        FROM "Sessions" s
        """,
        """
        INSERT INTO "SessionTimers" ("SessionId", "State", "Planned", "Remaining", "EndsAt", "StartedAt", "EndedAt", "Version")
        SELECT s."Id", 'NotStarted', r."Duration", r."Duration", NULL, NULL, NULL, s."Id"
        FROM "Sessions" s JOIN "Rounds" r ON r."Id" = s."RoundId"
        """,
        """
        INSERT INTO "SessionRecords" ("SessionId", "Notes", "Outcomes", "NextSteps", "Revision", "UpdatedAt", "UpdatedBy", "Version")
        SELECT s."Id", '', '', '', 0, NULL, NULL, s."Id"
        FROM "Sessions" s
        """,
    ];
}
