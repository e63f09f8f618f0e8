namespace RunawaysAlliance.Data.Tests;

// Every store suite runs twice: on PostgreSQL (the production store) and on SQLite (the embedded default), each
// class with its own migrated database (SQLite: a real file, so that parallel contexts meet real file locking).

public sealed class PostgresMigrationTests(PostgresFixture fixture) : MigrationTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteMigrationTests(SqliteFixture fixture) : MigrationTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresStoreServicesTests(PostgresFixture fixture) : StoreServicesTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteStoreServicesTests(SqliteFixture fixture) : StoreServicesTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresDemoSeedTests(PostgresFixture fixture) : DemoSeedTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDemoSeedTests(SqliteFixture fixture) : DemoSeedTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresEventStoreTests(PostgresFixture fixture) : EventStoreTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteEventStoreTests(SqliteFixture fixture) : EventStoreTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresSessionStoreTests(PostgresFixture fixture) : SessionStoreTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteSessionStoreTests(SqliteFixture fixture) : SessionStoreTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresCardStoreTests(PostgresFixture fixture) : CardStoreTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteCardStoreTests(SqliteFixture fixture) : CardStoreTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresCardEditStoreTests(PostgresFixture fixture) : CardEditStoreTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteCardEditStoreTests(SqliteFixture fixture) : CardEditStoreTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresDraftStoreTests(PostgresFixture fixture) : DraftStoreTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteDraftStoreTests(SqliteFixture fixture) : DraftStoreTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PostgresSessionAggregateStoreTests(PostgresFixture fixture) : SessionAggregateStoreTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteSessionAggregateStoreTests(SqliteFixture fixture) : SessionAggregateStoreTests(fixture), IClassFixture<SqliteFixture>;
