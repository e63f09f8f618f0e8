namespace RunawaysAlliance.Web.Components.Shared;

/// <summary>How large a countdown is drawn: a board cell's line, or the moderator's full-width clock.</summary>
public enum CountdownSize
{
    Small,
    Big,
}
