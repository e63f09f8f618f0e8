namespace RunawaysAlliance.Web.Tests.Cards;

// Every card service suite runs twice: on SQLite (the embedded default) and on PostgreSQL (the production store).

public sealed class SqliteCardPostingTests(SqliteDemoFixture fixture) : CardPostingTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresCardPostingTests(PostgresDemoFixture fixture) : CardPostingTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqliteCardRateLimitTests(SqliteDemoFixture fixture) : CardRateLimitTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresCardRateLimitTests(PostgresDemoFixture fixture) : CardRateLimitTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqliteEventPhaseTests(SqliteDemoFixture fixture) : EventPhaseTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresEventPhaseTests(PostgresDemoFixture fixture) : EventPhaseTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqliteCardEditTests(SqliteDemoFixture fixture) : CardEditTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresCardEditTests(PostgresDemoFixture fixture) : CardEditTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqliteCardWithdrawalTests(SqliteDemoFixture fixture) : CardWithdrawalTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresCardWithdrawalTests(PostgresDemoFixture fixture) : CardWithdrawalTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqliteOfferTests(SqliteDemoFixture fixture) : OfferTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresOfferTests(PostgresDemoFixture fixture) : OfferTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqliteCoreSolverTests(SqliteDemoFixture fixture) : CoreSolverTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresCoreSolverTests(PostgresDemoFixture fixture) : CoreSolverTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqliteDraftTests(SqliteDemoFixture fixture) : DraftTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresDraftTests(PostgresDemoFixture fixture) : DraftTests(fixture), IClassFixture<PostgresDemoFixture>;
