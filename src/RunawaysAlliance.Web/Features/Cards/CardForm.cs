using System.Globalization;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// What the card form shows and binds to: the fields as typed (tags as one text), and the revision the author
/// started from. It turns into the card to post, the draft to save, and the browser copy's values.
/// </summary>
public sealed class CardForm
{
    public static IReadOnlyList<CardKind> Kinds { get; } = [CardKind.NonCommercial, CardKind.Commercial];

    /// <summary>Languages a card can be written in; the code is a BCP 47 tag, the name is in that language.</summary>
    public static IReadOnlyList<(string Code, string Name)> Languages { get; } =
    [
        ("ko", "한국어"), ("en", "English"), ("ja", "日本語"), ("zh", "中文"), ("es", "Español"), ("fr", "Français"), ("de", "Deutsch"),
    ];

    public string Title { get; set; } = string.Empty;

    public string Problem { get; set; } = string.Empty;

    public string HelpWanted { get; set; } = string.Empty;

    public CardKind Kind { get; set; } = CardKind.NonCommercial;

    /// <summary>The tags as typed, separated by commas or '#' (<see cref="CardTags"/>).</summary>
    public string Tags { get; set; } = string.Empty;

    public string Language { get; set; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko" ? "ko" : "en";

    /// <summary>The card's revision when the author started editing: an edit against a newer one is a conflict.</summary>
    public int BaseRevision { get; set; }

    public bool HasText => Title.Length + Problem.Length + HelpWanted.Length + Tags.Length > 0;

    public void Fill(CardContent content, int revision)
    {
        Title = content.Title;
        Problem = content.Problem;
        HelpWanted = content.HelpWanted ?? string.Empty;
        Kind = content.Kind;
        Tags = string.Join(", ", content.Tags ?? []);
        Language = content.Language;
        BaseRevision = revision;
    }

    public void Fill(CardDraftInput input)
    {
        Title = input.Title ?? string.Empty;
        Problem = input.Problem ?? string.Empty;
        HelpWanted = input.HelpWanted ?? string.Empty;
        Kind = input.Kind;
        Tags = input.Tags ?? string.Empty;
        Language = string.IsNullOrEmpty(input.Language) ? Language : input.Language;
    }

    /// <summary>Empties the fields of a new card; the language stays.</summary>
    public void Clear() => Fill(new CardDraftInput(null, null, null, CardKind.NonCommercial, null, Language));

    /// <summary>Takes the values the browser kept (named by the fields' <c>data-draft</c> attributes); missing ones stay.</summary>
    public void Apply(IReadOnlyDictionary<string, string?> values)
    {
        Title = values.GetValueOrDefault("title") ?? Title;
        Problem = values.GetValueOrDefault("problem") ?? Problem;
        HelpWanted = values.GetValueOrDefault("helpWanted") ?? HelpWanted;
        Tags = values.GetValueOrDefault("tags") ?? Tags;
        Language = values.GetValueOrDefault("language") is { Length: > 0 } language ? language : Language;
        Kind = Enum.TryParse<CardKind>(values.GetValueOrDefault("kind"), out var kind) ? kind : Kind;
    }

    /// <summary>The values as the browser's copy names them (the fields' <c>data-draft</c> attributes).</summary>
    public static Dictionary<string, string> BrowserValues(CardDraftInput draft) => new()
    {
        ["title"] = draft.Title ?? string.Empty,
        ["problem"] = draft.Problem ?? string.Empty,
        ["helpWanted"] = draft.HelpWanted ?? string.Empty,
        ["tags"] = draft.Tags ?? string.Empty,
        ["language"] = draft.Language ?? string.Empty,
        ["kind"] = draft.Kind.ToString(),
    };

    public void AddTag(string tag) => Tags = Tags.Trim().Length == 0 ? tag : $"{Tags.TrimEnd().TrimEnd(',')}, {tag}";

    /// <summary>The tags typed so far, normalized as the card will keep them (none while the text is not valid yet).</summary>
    public HashSet<string> TypedTags()
    {
        try
        {
            return [.. ProblemCard.NormalizeTags(CardTags.Split(Tags))];
        }
        catch (DomainException)
        {
            return [];
        }
    }

    public CardDraftInput ToDraft() => new(Title, Problem, HelpWanted, Kind, Tags, Language);

    public CardContent ToContent() => new(Title, Problem, HelpWanted, Kind, CardTags.Split(Tags), Language);
}
