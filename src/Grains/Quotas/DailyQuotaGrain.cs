using Chat.Grains.Storage;
using Chat.Quotas;

namespace Chat.Grains.Quotas;

/// <summary>One user's use of one daily allowance: the UTC day and how much of it was taken.</summary>
public sealed class DailyQuotaGrain(
    [PersistentState("quota", ChatStorage.GrainState)] IPersistentState<DailyQuotaState> state,
    TimeProvider time) : Grain, IDailyQuotaGrain
{
    public async Task<TimeSpan?> TryTake(int perDay)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime).DayNumber;
        if (state.State.Day != today)
        {
            (state.State.Day, state.State.Taken) = (today, 0);
        }
        if (state.State.Taken >= perDay)
        {
            return new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero) - now;
        }
        state.State.Taken++;
        await state.WriteStateAsync();
        return null;
    }
}

[GenerateSerializer, Alias("chat.DailyQuotaState")]
public sealed class DailyQuotaState
{
    [Id(0)]
    public int Day { get; set; }

    [Id(1)]
    public int Taken { get; set; }
}
