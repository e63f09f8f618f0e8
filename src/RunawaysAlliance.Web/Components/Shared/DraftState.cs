namespace RunawaysAlliance.Web.Components.Shared;

/// <summary>Where a form's draft is, as the form shows it to the person typing (see <see cref="DraftAutosave{TDraft}"/>).</summary>
public enum DraftState
{
    /// <summary>Nothing typed since the form opened, or the draft was discarded.</summary>
    Idle,

    /// <summary>Typed; the save waits for a pause in the typing.</summary>
    Pending,

    /// <summary>The server is saving it.</summary>
    Saving,

    /// <summary>The server has it (at <see cref="DraftAutosave{TDraft}.SavedAt"/>).</summary>
    Saved,

    /// <summary>The server could not be reached: the browser's copy keeps the text until the next change or reconnect.</summary>
    KeptOnDevice,

    /// <summary>The server said no (a rule, not the connection); <see cref="DraftAutosave{TDraft}.Refusal"/> says why.</summary>
    Refused,
}
