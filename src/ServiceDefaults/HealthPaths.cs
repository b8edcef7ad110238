using Microsoft.AspNetCore.Http;

namespace Chat.ServiceDefaults;

/// <summary>
/// The probe paths every host serves (what each answers is the host's own health checks) and the tag of the checks
/// that decide readiness. Orchestrators (compose, k8s) and the tracing filter rely on these names.
/// </summary>
public static class HealthPaths
{
    public const string Health = "/health";
    public const string Ready = "/health/ready";
    public const string Live = "/health/live";

    /// <summary>Health checks with this tag take part in <see cref="Ready"/> only.</summary>
    public const string ReadyTag = "ready";

    /// <summary>True for any probe path: probes are not traced (they would drown the requests that matter).</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments(Health);
}
