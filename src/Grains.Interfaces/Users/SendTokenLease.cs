namespace Chat.Users;

/// <summary>
/// Tokens of a user's send budget leased to a gateway (<see cref="IUserGrain.LeaseSendTokens"/>): <see cref="Granted"/>
/// of them (0 when the budget is empty, then <see cref="RetryAfter"/> says when one is back), and the user's name, which
/// the gateway writes on the messages it sends with them.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.SendTokenLease")]
public sealed record SendTokenLease(
    [property: Id(0)] int Granted,
    [property: Id(1)] TimeSpan RetryAfter,
    [property: Id(2)] string Username);
