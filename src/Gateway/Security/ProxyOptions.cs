using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Chat.Gateway.Security;

/// <summary>
/// Section <c>Gateway:Proxy</c>: which reverse proxies may tell the gateway the client's address and scheme
/// (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>). Only a request whose direct peer is in <see cref="KnownNetworks"/>
/// (or is this machine) is believed: anyone else could write any address into the header and escape the per-address
/// sign-in limit. Empty (the default) trusts loopback only.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string SectionName = "Gateway:Proxy";

    /// <summary>CIDR ranges of the proxies, e.g. <c>10.42.0.0/16</c> (the ingress controller's pod network).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are trusted (the right-most entries of <c>X-Forwarded-For</c>).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<IPNetwork> ParsedNetworks() => KnownNetworks.Select(IPNetwork.Parse);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownNetworks.Where(network => !IPNetwork.TryParse(network, out _))
            .Select(network => new ValidationResult(
                $"{SectionName}:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8.", [nameof(KnownNetworks)]));
}
