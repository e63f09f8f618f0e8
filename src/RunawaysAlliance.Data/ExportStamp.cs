namespace RunawaysAlliance.Data;

/// <summary>
/// When a file the app serves about an event (a schedule export, a personal calendar feed) last changed: the hash of
/// the bytes last served and the moment they were first served. It gives the files an honest <c>Last-Modified</c> that
/// every instance agrees on and that a restart keeps.
/// </summary>
public sealed class ExportStamp
{
    public const int NameMaxLength = 80;

    private ExportStamp()
    {
        Name = Hash = string.Empty;
    }

    public ExportStamp(Guid eventId, string name, string hash, DateTimeOffset changedAt)
    {
        EventId = eventId;
        Name = name;
        Hash = hash;
        ChangedAt = changedAt;
    }

    public Guid EventId { get; private set; }

    /// <summary>Which file: "schedule.csv", or "calendar/{person id}" for a personal feed.</summary>
    public string Name { get; private set; }

    /// <summary>A hash of the bytes last served.</summary>
    public string Hash { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The file now has other bytes, first served at <paramref name="at"/>.</summary>
    public void Change(string hash, DateTimeOffset at)
    {
        Hash = hash;
        ChangedAt = at;
    }
}
