using Chat.Quotas;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Quotas;

/// <summary>
/// Failed logins of one username, in memory: an attacker gains nothing from the grain's deactivation (it takes an
/// idle period longer than any lock), and a silo failure costs at most one lock period.
/// </summary>
public sealed class SignInGuardGrain(IOptions<SignInBackoffOptions> options, TimeProvider time) : Grain, ISignInGuardGrain
{
    private int _failures;
    private DateTimeOffset _lockedUntil;

    public Task<TimeSpan?> Check()
    {
        var left = _lockedUntil - time.GetUtcNow();
        return Task.FromResult<TimeSpan?>(left > TimeSpan.Zero ? left : null);
    }

    public Task Failed()
    {
        var settings = options.Value;
        _failures++;
        var beyond = _failures - settings.FreeFailures;
        if (beyond > 0)
        {
            var doubled = settings.FirstLock.TotalMilliseconds * Math.Pow(2, Math.Min(beyond - 1, 30));
            _lockedUntil = time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Min(doubled, settings.MaxLock.TotalMilliseconds));
        }
        return Task.CompletedTask;
    }

    public Task Succeeded()
    {
        _failures = 0;
        _lockedUntil = default;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
