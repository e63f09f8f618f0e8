namespace RunawaysAlliance.Web.Tests.Schedule;

public sealed class SqliteScheduleQueriesTests(SqliteDemoFixture fixture) : ScheduleQueriesTests(fixture), IClassFixture<SqliteDemoFixture>;
