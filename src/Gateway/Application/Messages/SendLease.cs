using Chat.Users;

namespace Chat.Gateway.Application.Messages;

/// <summary>One user's send-token lease on this gateway (<see cref="SendBudget"/>); callers guard it by locking it. Times are <see cref="TimeProvider"/> timestamps.</summary>
internal sealed class SendLease
{
    private int _spent;
    private int _size = 1;

    public int Tokens { get; set; }

    public long Expires { get; private set; }

    public long DeniedUntil { get; private set; }

    public string Username { get; private set; } = "";

    public Task? Renewal { get; set; }

    public bool TryTake(long now, out string username)
    {
        username = Username;
        if (Tokens <= 0 || now >= Expires)
        {
            return false;
        }
        Tokens--;
        _spent++;
        return true;
    }

    /// <summary>
    /// What the next lease call gives back (this lease's unspent tokens) and asks for. A lease used up before it
    /// expired doubles the next; otherwise the next is what this one spent. So a user who sends now and then (the
    /// common case) leases one token per send, one grain call as without leases, and never has tokens to give back.
    /// </summary>
    public (int Returned, int Wanted) StartRenewal(long now, int maxLease)
    {
        var returned = Tokens;
        var usedUpInTime = returned == 0 && now < Expires;
        Tokens = 0;
        _size = usedUpInTime ? Math.Min(_size * 2, maxLease) : Math.Clamp(_spent, 1, maxLease);
        _spent = 0;
        return (returned, _size);
    }

    public void Grant(SendTokenLease lease, long expires, long deniedUntil)
    {
        Tokens = lease.Granted;
        Username = lease.Username;
        Expires = expires;
        DeniedUntil = deniedUntil;
    }
}
