namespace RunawaysAlliance.Web.Components.Shared;

/// <summary>
/// How long lists grow: the first page renders, "Show more" adds one more. Filters and search run over the whole
/// list before paging, so a match deep in the list is found; only what is drawn is limited.
/// </summary>
public static class ListPaging
{
    /// <summary>Rows a long list renders at first, and adds per "Show more".</summary>
    public const int PageSize = 50;
}
