using System.Globalization;

namespace Chat.Chaos;

/// <summary>
/// <c>chat-chaos [--short] [--duration SEC] [--seed N] [--json FILE]</c>. The default run lasts 10 minutes; <c>--short</c>
/// is one round of every fault, back to back (a few minutes, for CI).
/// </summary>
internal sealed record ChaosOptions(TimeSpan Duration, bool Short, int Seed, string? JsonOut)
{
    public static ChaosOptions Parse(string[] args)
    {
        var duration = TimeSpan.FromMinutes(10);
        var isShort = false;
        var seed = Environment.TickCount;
        string? json = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--short":
                    isShort = true;
                    break;
                case "--duration":
                    duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture));
                    break;
                case "--seed":
                    seed = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--json":
                    json = Value();
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'. Usage: chat-chaos [--short] [--duration SEC] [--seed N] [--json FILE]");
            }
        }
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromHours(2))
        {
            throw new ArgumentException("--duration must be between 1 s and 2 h.");
        }
        return new ChaosOptions(duration, isShort, seed, json);
    }

    /// <summary>Steady traffic before the first fault: any error in it is a bug (counted outside fault windows).</summary>
    public TimeSpan Warmup => TimeSpan.FromSeconds(Short ? 10 : 20);

    /// <summary>Quiet time between two faults, drawn at random: faults land at random moments of the traffic.</summary>
    public TimeSpan Gap(Random random) => TimeSpan.FromSeconds(Short ? random.Next(2, 5) : random.Next(3, 20));
}
