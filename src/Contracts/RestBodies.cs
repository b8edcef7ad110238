namespace Chat.Contracts;

// Request and response bodies of the REST API (docs/PROTOCOL.md, "REST"): the gateway reads and writes them, the .NET
// client sends and reads them. Every field of a request is optional so that a missing one gets the input rules' clear
// 400, not a binding failure.

public sealed record RegisterRequest(string? Username, string? Email, string? Password);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record AuthResponse(string Token, UserDto User);

public sealed record UpdateProfileRequest(string? Email, string? Avatar, string? DisplayName);

public sealed record CreateRoomBody(string? Id, string? Name, string? Description, bool? IsPublic);

public sealed record AddMemberRequest(string? Username);

public sealed record SendMessageRequest(string? RoomId, string? Content, string? ClientMessageId, long? ReplyToSeq = null);

public sealed record RoomsResponse(IReadOnlyList<RoomDto> Rooms);

public sealed record MessagesResponse(IReadOnlyList<MessageDto> Messages);

public sealed record OnlineUsersResponse(IReadOnlyList<OnlineUserDto> Users);

public sealed record EditMessageRequest(string? Content);
