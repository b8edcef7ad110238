namespace Chat.Distributed.Harness;

/// <summary>Where the repository and the build output of the silo and gateway are.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding Chat.Orleans.sln, found by walking up from the running assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the running assembly was built in (Debug/Release); the servers are taken from the same.</summary>
    public static string Configuration { get; } = FindConfiguration();

    public static string SiloDll => BuildOutput("Silo", "Silo.dll");

    public static string GatewayDll => BuildOutput("Gateway", "Gateway.dll");

    public static string InfraScript => Path.Combine(Root, "scripts", "infra.sh");

    private static string BuildOutput(string project, string dll)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build the solution in {Configuration} first (dotnet build Chat.Orleans.sln -c {Configuration}).");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Chat.Orleans.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No Chat.Orleans.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The output path is …/bin/&lt;Configuration&gt;/net10.0/.</summary>
    private static string FindConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name
        ?? throw new InvalidOperationException($"Cannot tell the build configuration from {AppContext.BaseDirectory}.");
}
