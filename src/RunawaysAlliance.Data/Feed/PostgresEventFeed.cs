using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace RunawaysAlliance.Data.Feed;

/// <summary>
/// The feed across instances: changes go out with NOTIFY and come in on one dedicated LISTEN connection
/// per instance, which is re-opened after a loss (followed by a resync, since notifications sent while
/// it was down are gone). Changes made here are delivered here at once, not via the round trip.
/// </summary>
public sealed class PostgresEventFeed : BackgroundService, IEventFeed
{
    internal const string Channel = "runaways_changes";

    private readonly string _connectionString;
    private readonly string _listenConnectionString;
    private readonly ILogger<PostgresEventFeed> _logger;
    private readonly LocalSubscribers _subscribers;
    /// <summary>How long announcing one change to other instances may take before it is given up (they resync later).</summary>
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);

    private readonly string _origin = Guid.NewGuid().ToString("N")[..12];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PostgresEventFeed(string connectionString, ILogger<PostgresEventFeed> logger)
    {
        _connectionString = connectionString;
        _logger = logger;
        _subscribers = new LocalSubscribers(logger);
        // LISTEN needs its own long-lived connection: never hand it back to a pool.
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = "runaways-feed",
        }.ConnectionString;
    }

    /// <summary>Completes once the first LISTEN is in place (tests and start-up can wait for it).</summary>
    public Task Listening => _listening.Task;

    public async Task PublishAsync(EventChange change, CancellationToken cancellationToken = default)
    {
        _subscribers.Dispatch(change);
        // Not the caller's token: the change is committed, and other instances must hear of it even when the person
        // who made it closed the tab in between. Bounded by its own time instead.
        using var bounded = new CancellationTokenSource(PublishTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(bounded.Token);
            await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", change.ToPayload(_origin));
            await command.ExecuteNonQueryAsync(bounded.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException || (ex is OperationCanceledException && bounded.IsCancellationRequested))
        {
            // The change is committed already; other instances catch up at their next resync.
            _logger.LogWarning(ex, "Could not announce a {Kind} change of event {EventId} to other instances", change.Kind, change.EventId);
        }
    }

    public IDisposable Subscribe(Guid eventId, Action<EventChange> handler) => _subscribers.Add(eventId, handler);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        var wasConnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _logger.LogInformation("Listening for changes from other instances");
                if (wasConnected)
                {
                    _subscribers.Dispatch(EventChange.ResyncAll);
                }

                wasConnected = true;
                delay = TimeSpan.FromMilliseconds(250);
                _listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "The change feed lost its database connection; retrying in {Delay}", delay);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (!EventChange.TryParsePayload(e.Payload, out var origin, out var change))
        {
            _logger.LogWarning("Ignored a malformed change notification");
            return;
        }

        if (origin != _origin)
        {
            _subscribers.Dispatch(change);
        }
    }
}
