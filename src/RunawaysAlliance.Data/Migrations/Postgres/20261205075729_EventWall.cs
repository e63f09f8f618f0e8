using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunawaysAlliance.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventWall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsWallPublic",
                table: "Events",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "WallCode",
                table: "Events",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Existing events get a secret wall link of their own (an empty code would open nothing, but say nothing either).
            migrationBuilder.Sql("UPDATE \"Events\" SET \"WallCode\" = substr(replace(gen_random_uuid()::text, '-', ''), 1, 16) WHERE \"WallCode\" = '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsWallPublic",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "WallCode",
                table: "Events");
        }
    }
}
