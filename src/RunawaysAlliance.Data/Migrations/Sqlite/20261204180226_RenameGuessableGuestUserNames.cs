using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunawaysAlliance.Data.Migrations.Sqlite
{
    /// <summary>
    /// Data only (issue 15): guest accounts used to be called <c>guest-</c> plus the last ten hex digits of their id,
    /// and ids were on public pages, so anyone could name an organizer's account and guess at its password. Such
    /// names are replaced by random ones (the person sees the new one on /account; passkeys need no name, and the
    /// sign-in cookie stays valid because the security stamp is kept). Lockout is turned off for every account:
    /// sign-in is throttled now, and a stale LockoutEnd must not keep anyone out.
    /// </summary>
    public partial class RenameGuessableGuestUserNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Ids are TEXT here (upper-case by default, so compared in lower case); randomblob() is evaluated per
            // row from SQLite's cryptographic generator (128 bits).
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers"
                SET "UserName" = 'guest-' || lower(hex(randomblob(16))),
                    "ConcurrencyStamp" = lower(hex(randomblob(16)))
                WHERE "UserName" = 'guest-' || substr(lower(replace("Id", '-', '')), 23);
                """);
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers"
                SET "NormalizedUserName" = upper("UserName")
                WHERE "UserName" LIKE 'guest-%' AND length("UserName") = 38 AND "NormalizedUserName" <> upper("UserName");
                """);
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "LockoutEnabled" = 0, "LockoutEnd" = NULL, "AccessFailedCount" = 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the old names were the problem, and the throttle needs no lockout data.
        }
    }
}
