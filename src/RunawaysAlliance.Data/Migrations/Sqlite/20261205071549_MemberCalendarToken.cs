using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunawaysAlliance.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MemberCalendarToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalendarToken",
                table: "EventMembers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventMembers_CalendarToken",
                table: "EventMembers",
                column: "CalendarToken",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventMembers_CalendarToken",
                table: "EventMembers");

            migrationBuilder.DropColumn(
                name: "CalendarToken",
                table: "EventMembers");
        }
    }
}
