namespace RunawaysAlliance.Web.Components.Shared;

/// <summary>
/// Where <see cref="DraftAutosave{TDraft}"/> keeps a draft: on the server, and in the browser's copy that covers
/// what is typed while the connection is down (the browser writes that copy itself, on every input).
/// </summary>
public interface IDraftStore<in TDraft>
{
    /// <summary>Saves the draft on the server. A refusal (a rule said no) is an outcome; a lost connection throws.</summary>
    Task<DraftSaveOutcome> SaveAsync(TDraft draft, CancellationToken ct);

    /// <summary>Removes the server's draft.</summary>
    Task DiscardAsync(CancellationToken ct);

    /// <summary>The server has these values: the browser's copy is in sync with it unless the person typed more since.</summary>
    Task MarkLocalCopySyncedAsync(TDraft saved);

    /// <summary>Removes the browser's copy.</summary>
    Task ClearLocalCopyAsync();
}

/// <summary>
/// What the server said to a draft: saved, refused with a reason the person can read, or "not now" (too many saves
/// in a short time: try again after <see cref="RetryAfter"/>).
/// </summary>
public readonly record struct DraftSaveOutcome(string? Refusal, TimeSpan? RetryAfter = null)
{
    public static DraftSaveOutcome Saved { get; } = new(null);

    public bool IsSaved => Refusal is null && RetryAfter is null;

    public static DraftSaveOutcome Refused(string reason) => new(reason);

    public static DraftSaveOutcome Later(TimeSpan retryAfter) => new(null, retryAfter);
}
