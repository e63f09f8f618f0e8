namespace RunawaysAlliance.Web.Tests;

public sealed class PostgresWebAppTests(PostgresDemoFixture fixture) : WebAppTests(fixture), IClassFixture<PostgresDemoFixture>;
