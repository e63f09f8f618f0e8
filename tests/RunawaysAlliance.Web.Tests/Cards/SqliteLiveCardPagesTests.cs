namespace RunawaysAlliance.Web.Tests.Cards;

public sealed class SqliteLiveCardPagesTests(SqliteDemoFixture fixture) : LiveCardPagesTests(fixture), IClassFixture<SqliteDemoFixture>;
