using Microsoft.AspNetCore.Components;

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

/// <summary>
/// A part of a page that follows a <see cref="LiveBoardView"/> by itself: it subscribes while it is shown and renders
/// again only when <see cref="ShowsChange"/> says the new snapshot changed what it shows.
/// </summary>
public abstract class LiveBoardPart : ComponentBase, IDisposable
{
    private LiveBoardView? _view;

    [Parameter, EditorRequired]
    public LiveBoardView View { get; set; } = null!;

    /// <summary>The snapshot this part shows.</summary>
    protected BoardSnapshot Board => View.Board;

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_view, View))
        {
            Unsubscribe();
            _view = View;
            _view.Changed += OnChanged;
        }
    }

    /// <summary>Whether this part shows something that differs between the two snapshots (asked once per new snapshot).</summary>
    protected abstract bool ShowsChange(BoardSnapshot before, BoardSnapshot after);

    private void OnChanged(BoardSnapshot before, BoardSnapshot after)
    {
        if (ShowsChange(before, after))
        {
            StateHasChanged();
        }
    }

    private void Unsubscribe()
    {
        if (_view is not null)
        {
            _view.Changed -= OnChanged;
        }
    }

    public void Dispose()
    {
        Unsubscribe();
        GC.SuppressFinalize(this);
    }
}
