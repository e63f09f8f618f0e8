namespace RunawaysAlliance.Web.Tests;

public sealed class SqliteWebAppTests(SqliteDemoFixture fixture) : WebAppTests(fixture), IClassFixture<SqliteDemoFixture>;
