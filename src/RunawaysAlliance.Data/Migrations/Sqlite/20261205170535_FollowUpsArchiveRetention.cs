using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunawaysAlliance.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUpsArchiveRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Visibility",
                table: "SessionRecords",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Private");

            // A record published before visibility levels was shared with every member: that is Attendees now.
            migrationBuilder.Sql("UPDATE \"SessionRecords\" SET \"Visibility\" = 'Attendees' WHERE \"PublishedAt\" IS NOT NULL;");

            migrationBuilder.AddColumn<long>(
                name: "PurgeDueAt",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PurgedAt",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StarterId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", nullable: false),
                    Link = table.Column<string>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Times = table.Column<string>(type: "TEXT", nullable: false),
                    ChosenTime = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.CheckConstraint("CK_FollowUps_Minutes", "\"Minutes\" BETWEEN 15 AND 480");
                    table.ForeignKey(
                        name: "FK_FollowUps_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FollowUps_People_StarterId",
                        column: x => x.StarterId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FollowUps_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpInvitations",
                columns: table => new
                {
                    FollowUpId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TimesMask = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpInvitations", x => new { x.FollowUpId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_FollowUpInvitations_FollowUps_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "FollowUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FollowUpInvitations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpInvitations_PersonId",
                table: "FollowUpInvitations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_EventId",
                table: "FollowUps",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_SessionId",
                table: "FollowUps",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_StarterId",
                table: "FollowUps",
                column: "StarterId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpInvitations");

            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropColumn(
                name: "Visibility",
                table: "SessionRecords");

            migrationBuilder.DropColumn(
                name: "PurgeDueAt",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "PurgedAt",
                table: "Events");
        }
    }
}
