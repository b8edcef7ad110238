using Chat.Contracts;

namespace Chat.Baseline;

/// <summary>The REST calls chat-bench sets itself up with: sign-up or sign-in (no password check) and room creation.</summary>
public static class BaselineApi
{
    public static void MapBaselineApi(this WebApplication app)
    {
        app.MapPost("/users/register", (RegisterRequest body, Accounts accounts) => SignIn(body.Username, accounts));
        app.MapPost("/users/login", (LoginRequest body, Accounts accounts) => SignIn(body.Username, accounts));
        app.MapPost("/chat/rooms", (CreateRoomBody body, HttpContext context, Accounts accounts, Rooms rooms) =>
            accounts.FromRequest(context) is null ? Results.Unauthorized()
            : string.IsNullOrEmpty(body.Id) ? Results.BadRequest()
            : rooms.TryCreate(body.Id) ? Results.Created($"/chat/rooms/{body.Id}", rooms.Describe(rooms.Find(body.Id)!))
            : Results.Conflict());
    }

    private static IResult SignIn(string? username, Accounts accounts)
    {
        if (string.IsNullOrEmpty(username))
        {
            return Results.BadRequest();
        }
        var (user, token) = accounts.SignIn(username);
        return Results.Ok(new AuthResponse(token, user));
    }
}
