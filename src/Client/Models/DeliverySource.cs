using Chat.Contracts;

namespace Chat.Client;

/// <summary>How a delivered message reached this client. Every message is delivered once, whichever way it came first.</summary>
public enum DeliverySource
{
    /// <summary>Pushed live by the gateway (<c>NewMessage</c>).</summary>
    Live,

    /// <summary>This connection sent it: the result of <see cref="ChatClient.SendMessageAsync"/>.</summary>
    Sent,

    /// <summary>Fetched from history to fill a gap or to catch up after a (re)join.</summary>
    History,
}

/// <summary>A message handed to the application, in seq order per room, exactly once.</summary>
public sealed record DeliveredMessage(MessageDto Message, DeliverySource Source);
