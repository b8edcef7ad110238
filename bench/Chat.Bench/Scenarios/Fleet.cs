using Chat.Bench.Transport;

namespace Chat.Bench.Scenarios;

/// <summary>Opens many client connections with bounded concurrency and closes them all.</summary>
public sealed class Fleet(BenchOptions options) : IAsyncDisposable
{
    private readonly LoopbackBinder _binder = new(options.SourceAddresses);
    private readonly List<IBenchConnection> _connections = [];

    public IReadOnlyList<IBenchConnection> Connections => _connections;

    public IBenchConnection Create(string token) => options.Transport switch
    {
        "ws" => new WebSocketBenchConnection(options.Url, token, _binder),
        "json" => new SignalRBenchConnection(options.Url, token, messagePack: false, _binder),
        "msgpack" => new SignalRBenchConnection(options.Url, token, messagePack: true, _binder),
        _ => throw new ArgumentException($"Unknown transport '{options.Transport}' (msgpack, json, ws)."),
    };

    /// <summary>Opens <paramref name="count"/> connections; <paramref name="setup"/> runs on each once it is open (e.g. joins).</summary>
    public async Task OpenAsync(int count, Func<int, string> tokenFor, Func<int, IBenchConnection, Task> setup)
    {
        var opened = new IBenchConnection[count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (i, cancellationToken) =>
            {
                var connection = Create(tokenFor(i));
                await connection.StartAsync(cancellationToken);
                await setup(i, connection);
                opened[i] = connection;
                var n = Interlocked.Increment(ref done);
                if (n % 1000 == 0)
                {
                    Console.Error.WriteLine($"  {n}/{count} connections open");
                }
            });
        _connections.AddRange(opened);
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (c, _) => await c.DisposeAsync());
        _connections.Clear();
    }
}
