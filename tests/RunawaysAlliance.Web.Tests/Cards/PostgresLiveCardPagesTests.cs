namespace RunawaysAlliance.Web.Tests.Cards;

public sealed class PostgresLiveCardPagesTests(PostgresDemoFixture fixture) : LiveCardPagesTests(fixture), IClassFixture<PostgresDemoFixture>;
