namespace Chat.Contracts.Errors;

/// <summary>The snake_case error codes of docs/PROTOCOL.md, as problem details, hub errors and <c>/ws</c> frames carry them.</summary>
public static class WireCodes
{
    public const string BadRequest = "bad_request";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string Internal = "internal";
}

/// <summary>The gRPC status codes the catalog uses, by their numbers in the gRPC specification (statuscodes.md).</summary>
public static class GrpcCodes
{
    public const int InvalidArgument = 3;
    public const int NotFound = 5;
    public const int AlreadyExists = 6;
    public const int PermissionDenied = 7;
    public const int ResourceExhausted = 8;
    public const int Internal = 13;
    public const int Unavailable = 14;
    public const int Unauthenticated = 16;
}
