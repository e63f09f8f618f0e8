namespace RunawaysAlliance.Web.Features.Board;

/// <summary>
/// The board one page shows, handed to the parts of the page that follow it live (the grid, the waiting cards). When
/// a new snapshot arrives, the page passes it here instead of rendering itself again: each part compares its own
/// slice of the old and the new snapshot and renders only if that slice changed. A card's new title then renders the
/// waiting-cards list and not the page, its header, its round headings and seven rooms, on every one of thousands of
/// circuits (docs/benchmarks.md, "The live board at scale").
/// </summary>
/// <remarks>Used on the circuit's own thread: <see cref="Show"/> is called from within the page's InvokeAsync.</remarks>
public sealed class LiveBoardView(BoardSnapshot board)
{
    public BoardSnapshot Board { get; private set; } = board;

    /// <summary>A new snapshot is shown: (the one before, the new one).</summary>
    public event Action<BoardSnapshot, BoardSnapshot>? Changed;

    public void Show(BoardSnapshot board)
    {
        ArgumentNullException.ThrowIfNull(board);
        var before = Board;
        Board = board;
        Changed?.Invoke(before, board);
    }
}
