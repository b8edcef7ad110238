namespace Chat.Contracts.Errors;

/// <summary>
/// The one error catalog: each kind of refusal with its HTTP status, gRPC status, wire code and default message.
/// Every transport of the gateway translates through it, the .NET client reads answers through it, and the web app's
/// copy (<c>frontend/src/api/errors.ts</c>) is pinned to it by a test. Extend it; never change a published row.
/// </summary>
public static class ErrorCatalog
{
    public static readonly ErrorDescriptor BadRequest = new(nameof(BadRequest), 400, GrpcCodes.InvalidArgument, WireCodes.BadRequest, "The request could not be read.");
    public static readonly ErrorDescriptor Unauthorized = new(nameof(Unauthorized), 401, GrpcCodes.Unauthenticated, WireCodes.Unauthorized, "A valid bearer token is required.");
    public static readonly ErrorDescriptor Forbidden = new(nameof(Forbidden), 403, GrpcCodes.PermissionDenied, WireCodes.Forbidden, "Not allowed.");
    public static readonly ErrorDescriptor NotFound = new(nameof(NotFound), 404, GrpcCodes.NotFound, WireCodes.NotFound, "Not found.");
    public static readonly ErrorDescriptor Conflict = new(nameof(Conflict), 409, GrpcCodes.AlreadyExists, WireCodes.Conflict, "This already exists.");
    public static readonly ErrorDescriptor RateLimited = new(nameof(RateLimited), 429, GrpcCodes.ResourceExhausted, WireCodes.RateLimited, "Too many requests; try again later.");
    public static readonly ErrorDescriptor Unavailable = new(nameof(Unavailable), 503, GrpcCodes.Unavailable, WireCodes.Unavailable, "The chat cluster is unavailable; try again shortly.");
    public static readonly ErrorDescriptor Internal = new(nameof(Internal), 500, GrpcCodes.Internal, WireCodes.Internal, "An unexpected error occurred.");

    /// <summary>A body over the size limit: its own HTTP status, but the wire code and gRPC status of a bad request.</summary>
    public static readonly ErrorDescriptor PayloadTooLarge = new(nameof(PayloadTooLarge), 413, GrpcCodes.InvalidArgument, WireCodes.BadRequest, "The request body is too large.");

    /// <summary>Every row; the first row with a wire code is that code's canonical row.</summary>
    public static IReadOnlyList<ErrorDescriptor> All { get; } =
        [BadRequest, Unauthorized, Forbidden, NotFound, Conflict, RateLimited, Unavailable, Internal, PayloadTooLarge];

    /// <summary>The canonical row of a wire code; an unknown code is <see cref="Internal"/>.</summary>
    public static ErrorDescriptor ByWireCode(string? code)
    {
        foreach (var row in All)
        {
            if (row.WireCode == code)
            {
                return row;
            }
        }
        return Internal;
    }

    /// <summary>
    /// The row of an HTTP status. A status no row has: 502 and 504 (a proxy in front of the gateway could not reach
    /// it) are <see cref="Unavailable"/>, other 5xx <see cref="Internal"/>, other 4xx <see cref="BadRequest"/>.
    /// </summary>
    public static ErrorDescriptor ByHttpStatus(int status)
    {
        foreach (var row in All)
        {
            if (row.HttpStatus == status)
            {
                return row;
            }
        }
        return status switch
        {
            502 or 504 => Unavailable,
            >= 500 => Internal,
            _ => BadRequest,
        };
    }
}
