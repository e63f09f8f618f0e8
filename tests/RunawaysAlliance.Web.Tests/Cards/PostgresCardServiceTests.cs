namespace RunawaysAlliance.Web.Tests.Cards;

public sealed class PostgresCardServiceTests(PostgresDemoFixture fixture) : CardServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
