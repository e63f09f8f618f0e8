namespace RunawaysAlliance.Data.Tests;

/// <summary>The store suite on SQLite (the embedded default), one real database file per class.</summary>
public sealed class SqliteStoreTests(SqliteFixture fixture) : StoreTests(fixture), IClassFixture<SqliteFixture>;
