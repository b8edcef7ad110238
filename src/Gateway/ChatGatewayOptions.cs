using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace Chat.Gateway;

/// <summary>This gateway process (section <c>Gateway</c>); named apart from Orleans' own <c>GatewayOptions</c>.</summary>
public sealed class ChatGatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// Names this process in room presence and its lease; unique among live gateways. Default: host name plus a random
    /// suffix, so a restarted pod is a new gateway and never inherits the presence of its predecessor.
    /// </summary>
    [Required, StringLength(128, MinimumLength = 1)]
    public string Id { get; set; } = $"{Environment.MachineName.ToLowerInvariant()}-{RandomNumberGenerator.GetHexString(6, lowercase: true)}";

    /// <summary>The largest REST request body accepted; bigger ones get 413.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
