using RunawaysAlliance.Domain.Cards;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>Valid card content with one thing changed at a time.</summary>
internal static class TestCard
{
    public static CardContent Content(
        string title = "Our volunteers burn out",
        string problem = "Half of our volunteers quit after three months.",
        string? helpWanted = "Ideas for keeping people engaged.",
        CardKind kind = CardKind.NonCommercial,
        IReadOnlyList<string>? tags = null,
        string language = "en") =>
        new(title, problem, helpWanted, kind, tags ?? ["volunteers"], language);

    public static ProblemCard Create(CardContent? content = null, Guid? authorId = null, Guid? eventId = null) =>
        new(Guid.NewGuid(), eventId ?? Guid.NewGuid(), authorId ?? Guid.NewGuid(), content ?? Content(), TestEvent.Now);
}
