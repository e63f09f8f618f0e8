using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunawaysAlliance.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventFloodLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing events get the defaults a new Event starts with (Event.DefaultGuestsPerHour, DefaultCardsPerPerson).
            migrationBuilder.AddColumn<int>(
                name: "AdmittedCount",
                table: "Events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CardsPerPerson",
                table: "Events",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "GuestsPerHour",
                table: "Events",
                type: "integer",
                nullable: false,
                defaultValue: 200);

            migrationBuilder.AddColumn<bool>(
                name: "IsJoiningClosed",
                table: "Events",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "EventRemovals",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    RemovedById = table.Column<Guid>(type: "uuid", nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CardsWithdrawn = table.Column<int>(type: "integer", nullable: false),
                    CardsKept = table.Column<int>(type: "integer", nullable: false),
                    OffersWithdrawn = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventRemovals", x => new { x.EventId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_EventRemovals_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventRemovals");

            migrationBuilder.DropColumn(
                name: "AdmittedCount",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "CardsPerPerson",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "GuestsPerHour",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "IsJoiningClosed",
                table: "Events");
        }
    }
}
