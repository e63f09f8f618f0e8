namespace RunawaysAlliance.Web.Tests.Cards;

public sealed class PostgresCardQueriesTests(PostgresDemoFixture fixture) : CardQueriesTests(fixture), IClassFixture<PostgresDemoFixture>;
