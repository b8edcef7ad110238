namespace Chat.Conversations;

/// <summary>Kinds of <see cref="UserEvent"/>. Serialized: never renumber.</summary>
[GenerateSerializer, Alias("chat.UserEventKind")]
public enum UserEventKind
{
    /// <summary>The user became a member of <see cref="UserEvent.Room"/>.</summary>
    RoomAdded = 0,
    /// <summary>The user is no longer a member of <see cref="UserEvent.RoomId"/>.</summary>
    RoomRemoved = 1,
    /// <summary><see cref="UserEvent.Room"/> changed (name, description, members).</summary>
    RoomUpdated = 2,
    /// <summary>The user's read position in <see cref="UserEvent.RoomId"/> moved (on any device).</summary>
    ReadUpdated = 3,
}

/// <summary>
/// An event on a user's stream, for every live connection of that user. Best effort like room events: a client that
/// reconnects reloads its list (<c>GET /users/me/rooms</c>), which is always the truth.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.UserEvent")]
public sealed record UserEvent(
    [property: Id(0)] UserEventKind Kind,
    [property: Id(1)] string UserId,
    [property: Id(2)] string RoomId,
    [property: Id(3)] RoomListing? Room,
    [property: Id(4)] RoomReadState? Read);

/// <summary>Names of the per-user streams (same provider as room streams, their own namespace; key: user id).</summary>
public static class UserStreams
{
    public const string Namespace = "user";
}
