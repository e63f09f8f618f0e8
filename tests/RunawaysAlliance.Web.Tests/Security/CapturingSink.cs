using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace RunawaysAlliance.Web.Tests.Security;

/// <summary>Keeps every Serilog event the app writes, for tests that read the log.</summary>
internal sealed class CapturingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
}
