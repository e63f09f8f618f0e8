namespace RunawaysAlliance.Web.Tests.Cards;

public sealed class SqliteCardQueriesTests(SqliteDemoFixture fixture) : CardQueriesTests(fixture), IClassFixture<SqliteDemoFixture>;
