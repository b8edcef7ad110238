using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Chat.Gateway.Tests.Support;

/// <summary>A host environment by name (Production, Development), for validators that depend on it.</summary>
public sealed class TestHostEnvironment(string name) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = name;
    public string ApplicationName { get; set; } = "Chat";
    public string ContentRootPath { get; set; } = "/";
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
