namespace RunawaysAlliance.Web.Tests;

public sealed class PostgresSessionServiceTests(PostgresDemoFixture fixture) : SessionServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
