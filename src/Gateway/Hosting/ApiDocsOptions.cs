namespace Chat.Gateway.Hosting;

/// <summary>
/// Section <c>Gateway:ApiDocs</c>: the REST API's OpenAPI document (<see cref="OpenApiExtensions.DocumentPath"/>)
/// and its interactive reference page (<see cref="OpenApiExtensions.ReferencePagePath"/>).
/// </summary>
public sealed class ApiDocsOptions
{
    public const string SectionName = "Gateway:ApiDocs";

    /// <summary>Serve the OpenAPI document. On by default: it describes the public contract, nothing secret.</summary>
    public bool Document { get; set; } = true;

    /// <summary>
    /// Serve the reference page (it lets a reader try requests). Unset means on in Development and in the embedded
    /// default, off in the production profile; set it to turn the page on or off anywhere.
    /// </summary>
    public bool? ReferencePage { get; set; }
}
