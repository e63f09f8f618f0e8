namespace RunawaysAlliance.Data.Tests;

/// <summary>The store suite on PostgreSQL (the production store).</summary>
public sealed class PostgresStoreTests(PostgresFixture fixture) : StoreTests(fixture), IClassFixture<PostgresFixture>;
