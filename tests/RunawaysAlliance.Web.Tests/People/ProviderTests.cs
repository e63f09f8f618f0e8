namespace RunawaysAlliance.Web.Tests.People;

public sealed class SqliteContactConsentTests(SqliteDemoFixture fixture) : ContactConsentTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresContactConsentTests(PostgresDemoFixture fixture) : ContactConsentTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqliteProfileServiceTests(SqliteDemoFixture fixture) : ProfileServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresProfileServiceTests(PostgresDemoFixture fixture) : ProfileServiceTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqlitePersonalDataServiceTests(SqliteDemoFixture fixture) : PersonalDataServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresPersonalDataServiceTests(PostgresDemoFixture fixture) : PersonalDataServiceTests(fixture), IClassFixture<PostgresDemoFixture>;

public sealed class SqlitePeopleWebTests(SqliteDemoFixture fixture) : PeopleWebTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresPeopleWebTests(PostgresDemoFixture fixture) : PeopleWebTests(fixture), IClassFixture<PostgresDemoFixture>;
