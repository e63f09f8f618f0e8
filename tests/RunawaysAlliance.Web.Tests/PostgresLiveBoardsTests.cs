namespace RunawaysAlliance.Web.Tests;

public sealed class PostgresLiveBoardsTests(PostgresDemoFixture fixture) : LiveBoardsTests(fixture), IClassFixture<PostgresDemoFixture>;
