namespace Chat.Distributed.Tests.Harness;

/// <summary>
/// The scenarios' cluster (<see cref="LocalCluster"/> in <c>.run/dist</c>) as an xunit collection fixture: started
/// once for the assembly, stopped at its end.
/// </summary>
public sealed class DistributedCluster() : LocalCluster("dist"), IAsyncLifetime;
