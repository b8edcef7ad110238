using System.Runtime.InteropServices;
using System.Text.Json;
using Chat.Chaos;
using Chat.Chaos.Faults;
using Chat.Chaos.Load;
using Chat.Contracts;
using Chat.Distributed.Harness;

// chat-chaos: 2 silos × 2 gateways (real processes, private MariaDB and Redis in .run/chaos) under steady traffic on
// every transport, faults injected in rotation at random moments; a verdict per fault. See bench/README.md.
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

var journal = new Journal();
void Say(string text) => Console.WriteLine($"[chaos {journal.Clock.Elapsed.TotalSeconds,6:0.0}s] {text}");

// Ctrl+C or SIGTERM (a CI time-out) ends the run early but cleanly: the fault in progress is healed, then every
// process and private server is stopped — nothing is left running.
using var interrupted = new CancellationTokenSource();
void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    Say("interrupted: healing the current fault, then stopping the cluster");
    interrupted.Cancel();
}
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
var random = new Random(options.Seed);
var cluster = new LocalCluster("chaos");
var windows = new List<FaultWindow>();
Verdict verdict;
Workload? workload = null;
Say($"starting 2 silos × 2 gateways on private MariaDB + Redis (seed {options.Seed}, {(options.Short ? "short: one round of every fault" : $"{options.Duration.TotalMinutes:0.#} min")})");
await cluster.InitializeAsync();
try
{
    workload = new Workload(cluster, journal);
    await workload.StartAsync();
    var started = journal.Clock.Elapsed;
    Say($"traffic on SignalR (JSON, MessagePack), /ws, REST and gRPC into {Workload.Rooms} rooms; {options.Warmup.TotalSeconds:0} s without faults first");
    await Task.Delay(options.Warmup, interrupted.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    var injector = new FaultInjector(cluster, random, workload.GhostGoneAsync, () => journal.Clock.Elapsed);
    var kinds = Enum.GetValues<FaultKind>();
    var round = new Queue<FaultKind>();
    while (!interrupted.IsCancellationRequested
           && (options.Short ? windows.Count < kinds.Length : journal.Clock.Elapsed - started < options.Duration))
    {
        await Task.Delay(options.Gap(random), interrupted.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (interrupted.IsCancellationRequested)
        {
            break;
        }
        if (round.Count == 0)
        {
            foreach (var kind in kinds.OrderBy(_ => random.Next()))
            {
                round.Enqueue(kind);
            }
        }
        var window = await injector.InjectAsync(round.Dequeue(), Say);
        windows.Add(window);
        Say($"{window.Kind} {window.Target}: healed after {(window.Healed - window.Start).TotalSeconds:0.0} s");
    }
    await Task.Delay(options.Gap(random), interrupted.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    await workload.StopSendingAsync();
    var duration = journal.Clock.Elapsed - started;

    // The end: one more message per room, which every receiver must get; then what was stored, read back.
    await injector.HealAsync();
    var markers = new RestSender(cluster.Users[0], [.. cluster.Gateways.Take(2)]);
    foreach (var roomId in workload.RoomIds)
    {
        await SendLoop.RunOnceAsync(journal, "rest", "marker", cluster.Users[0].Id, roomId, markers.SendAsync, RestSender.Classify);
    }
    await Task.Delay(TimeSpan.FromSeconds(15)); // receivers that missed the tail fill it on the marker
    await workload.DisposeAsync();
    workload.CollectSignalR();
    var history = new Dictionary<string, IReadOnlyList<Chat.Contracts.MessageDto>>();
    foreach (var roomId in workload.RoomIds)
    {
        history[roomId] = await RoomHistory.ReadAsync(cluster.Users[0], cluster.Gateways[0], roomId);
    }
    verdict = Verdict.Judge(options, duration, journal, windows, history, workload.GrpcClients.Sum(g => g.Repeats + g.Jumps));
}
finally
{
    Say("stopping the cluster");
    if (workload is not null)
    {
        await workload.DisposeAsync();
    }
    await cluster.DisposeAsync();
}

Console.WriteLine();
Console.WriteLine(Report.Table(verdict));
var json = JsonSerializer.Serialize(verdict, new JsonSerializerOptions { WriteIndented = true });
await File.WriteAllTextAsync(options.JsonOut ?? Path.Combine(cluster.RunDir, "chaos.json"), json);
Console.WriteLine($"JSON: {options.JsonOut ?? Path.Combine(cluster.RunDir, "chaos.json")}");
var passed = verdict.Passed && !interrupted.IsCancellationRequested;
if (interrupted.IsCancellationRequested)
{
    Console.WriteLine("The run was interrupted: it counts as failed whatever the table says (it covers only the part that ran).");
}
Console.WriteLine(passed ? "1 passed, 0 failed" : "0 passed, 1 failed");
return passed ? 0 : 1;
