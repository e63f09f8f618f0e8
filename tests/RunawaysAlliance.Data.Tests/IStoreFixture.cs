namespace RunawaysAlliance.Data.Tests;

/// <summary>A database server (or file system) that hands out throwaway, uniquely named databases.</summary>
public interface IStoreFixture
{
    DatabaseProvider Provider { get; }

    /// <summary>A migrated database shared by the tests of one class; each test makes its own event.</summary>
    TestStore Store { get; }

    /// <summary>A brand-new database with no tables yet, removed when the fixture is disposed.</summary>
    Task<TestStore> CreateEmptyStoreAsync(bool seedDemo = false);

    /// <summary>A store whose database cannot be reached at all.</summary>
    TestStore CreateUnreachableStore();
}
