namespace RunawaysAlliance.Web.Tests;

public sealed class SqliteSessionServiceTests(SqliteDemoFixture fixture) : SessionServiceTests(fixture), IClassFixture<SqliteDemoFixture>;
