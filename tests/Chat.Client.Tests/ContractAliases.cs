// The wire shapes moved to Chat.Contracts (one copy shared by the gateway and the client); these aliases keep the
// test code's former names compiling until the tests take the Contracts names.
global using AuthResult = Chat.Contracts.AuthResponse;
global using ChatMessage = Chat.Contracts.MessageDto;
global using JoinedRoom = Chat.Contracts.JoinedRoomDto;
global using OnlineUser = Chat.Contracts.OnlineUserDto;
global using PresenceChange = Chat.Contracts.PresenceDto;
global using RoomInfo = Chat.Contracts.RoomDto;
global using UserProfile = Chat.Contracts.UserDto;
