using Microsoft.Data.Sqlite;

namespace RunawaysAlliance.TestSupport;

/// <summary>
/// A SQLite database of its own as a real file in the temporary folder (so that parallel connections meet real file
/// locking). SQLite creates the file on first use; disposing deletes it with its -wal, -shm and -journal companions.
/// </summary>
public sealed class TestSqliteFile : IDisposable
{
    private TestSqliteFile(string filePath) => FilePath = filePath;

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    /// <summary>The database file and the companions SQLite may keep next to it.</summary>
    public IReadOnlyList<string> Files => [FilePath, FilePath + "-wal", FilePath + "-shm", FilePath + "-journal"];

    /// <summary>A new file name, <paramref name="prefix"/>_&lt;guid&gt;.db in the temporary folder.</summary>
    public static TestSqliteFile Create(string prefix) =>
        new(Path.Combine(Path.GetTempPath(), $"{prefix}_{Guid.NewGuid():N}.db"));

    /// <summary>A copy of this database (the file and its write-ahead log) under a new name; nothing may have it open.</summary>
    public TestSqliteFile Copy(string prefix)
    {
        var copy = Create(prefix);
        File.Copy(FilePath, copy.FilePath);
        if (File.Exists(FilePath + "-wal"))
        {
            File.Copy(FilePath + "-wal", copy.FilePath + "-wal");
        }

        return copy;
    }

    public void Dispose()
    {
        // Idle pooled connections would keep the file open.
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        foreach (var path in Files)
        {
            File.Delete(path);
        }
    }
}
