using RunawaysAlliance.Planning.Cli;

// Ctrl-C stops the search, not the process: the best plan so far is still written.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return PlanCommand.Run(args, Console.Out, Console.Error, cancel.Token);
