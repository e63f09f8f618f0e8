namespace RunawaysAlliance.Web.Tests.Schedule;

public sealed class PostgresScheduleQueriesTests(PostgresDemoFixture fixture) : ScheduleQueriesTests(fixture), IClassFixture<PostgresDemoFixture>;
