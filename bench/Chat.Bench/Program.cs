using System.Text.Json;
using Chat.Bench;
using Chat.Bench.Scenarios;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var result = options.Scenario switch
{
    "rooms" or "bigroom" => await new RoomsScenario(options).RunAsync(),
    "idle" => await new IdleScenario(options).RunAsync(),
    "ingest" => await new IngestScenario(options).RunAsync(),
    "churn" => await new ChurnScenario(options).RunAsync(),
    "reactions" => await new ReactionStormScenario(options).RunAsync(),
    _ => null,
};
if (result is null)
{
    Console.Error.WriteLine($"Unknown scenario '{options.Scenario}': rooms, bigroom, idle, ingest, churn, reactions.");
    return 2;
}

Report.PrintTable(result);
var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
if (options.JsonOut is { } path)
{
    await File.WriteAllTextAsync(path, json);
}
Console.WriteLine(json);
return 0;
