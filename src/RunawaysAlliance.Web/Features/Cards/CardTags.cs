namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>How the tag field is read: tags are separated by commas or '#', so a tag can have spaces ("machine learning").</summary>
public static class CardTags
{
    private static readonly char[] Separators = [',', '#', '\n', '\r', '\uFF0C', '\u3001', '\uFF03'];

    /// <summary>The typed tags, split but not normalized (the domain normalizes).</summary>
    public static string[] Split(string? text) =>
        (text ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
