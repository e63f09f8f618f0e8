namespace RunawaysAlliance.Web.Tests;

public sealed class SqliteLiveBoardsTests(SqliteDemoFixture fixture) : LiveBoardsTests(fixture), IClassFixture<SqliteDemoFixture>;
