namespace RunawaysAlliance.Web.Tests.Cards;

public sealed class SqliteCardServiceTests(SqliteDemoFixture fixture) : CardServiceTests(fixture), IClassFixture<SqliteDemoFixture>;
