using RunawaysAlliance.Web.Features.Board;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>How the card list can be ordered.</summary>
public enum CardSort
{
    /// <summary>Most recently posted first.</summary>
    Newest,

    /// <summary>The most responses first (can-help counts before curious on a tie).</summary>
    MostOffers,

    /// <summary>"Who needs help": the fewest responses first, and of those the one waiting longest.</summary>
    FewestOffers,
}

/// <summary>The card list's orderings, in one place so that the page and its tests agree.</summary>
public static class CardOrder
{
    public static IEnumerable<CardView> Sort(IEnumerable<CardView> cards, CardSort sort) => sort switch
    {
        CardSort.MostOffers => cards.OrderByDescending(c => c.OfferCount).ThenByDescending(c => c.CanHelpCount).ThenByDescending(c => c.CreatedAt).ThenBy(c => c.Id),
        CardSort.FewestOffers => cards.OrderBy(c => c.OfferCount).ThenBy(c => c.CanHelpCount).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id),
        _ => cards.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id),
    };
}
