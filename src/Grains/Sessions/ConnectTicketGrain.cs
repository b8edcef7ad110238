using Chat.Sessions;

namespace Chat.Grains.Sessions;

/// <inheritdoc cref="IConnectTicketGrain"/>
public sealed class ConnectTicketGrain(TimeProvider time) : Grain, IConnectTicketGrain
{
    private bool _redeemed;

    public Task<bool> TryRedeem(DateTimeOffset expiresAt)
    {
        if (_redeemed)
        {
            return Task.FromResult(false);
        }
        _redeemed = true;
        var left = expiresAt - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            // Idle collection must not forget the record while the ticket could still be presented.
            DelayDeactivation(left + TimeSpan.FromSeconds(1));
        }
        return Task.FromResult(true);
    }
}
