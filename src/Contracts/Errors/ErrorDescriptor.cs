namespace Chat.Contracts.Errors;

/// <summary>
/// One row of the error catalog (<see cref="ErrorCatalog"/>): how one kind of refusal reads on every transport.
/// </summary>
/// <param name="Name">The catalog's name of the row (the server's <c>ChatErrorCode</c> and the client's <c>ChatError</c> member).</param>
/// <param name="HttpStatus">The REST status (problem details).</param>
/// <param name="GrpcStatus">The gRPC status code (<see cref="GrpcCodes"/>).</param>
/// <param name="WireCode">The snake_case <c>code</c> of problem details, hub errors and <c>/ws</c> error frames.</param>
/// <param name="DefaultMessage">The readable message when nothing more specific is known.</param>
public sealed record ErrorDescriptor(string Name, int HttpStatus, int GrpcStatus, string WireCode, string DefaultMessage)
{
    /// <summary>True when the same request may succeed when repeated (nothing was refused).</summary>
    public bool IsTransient => WireCode == WireCodes.Unavailable;
}
