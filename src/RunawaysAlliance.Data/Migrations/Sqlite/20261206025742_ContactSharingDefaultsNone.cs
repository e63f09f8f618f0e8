using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunawaysAlliance.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactSharingDefaultsNone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Until now every account started with all channels ticked as "shared by default", so a stored value
            // says nothing about a choice. Nothing is shared by default from here on; people tick what they want.
            migrationBuilder.Sql("UPDATE \"People\" SET \"DefaultSharedChannels\" = 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the earlier values were the app's pre-ticks, not anybody's choice.
        }
    }
}
