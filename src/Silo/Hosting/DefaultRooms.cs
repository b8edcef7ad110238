using Chat.Rooms;

namespace Chat.Silo.Hosting;

/// <summary>Makes sure the public rooms every fresh system has exist (idempotent; every silo runs it at start-up).</summary>
public sealed partial class DefaultRooms(IGrainFactory grains, ILogger<DefaultRooms> logger) : IStartupTask
{
    public const string SystemUserId = "system";

    private static readonly NewRoom[] Rooms =
    [
        new("General", "Everyone's room: say hello.", IsPublic: true, SystemUserId),
        new("Tech", "Programming, gadgets and everything technical.", IsPublic: true, SystemUserId),
        new("Random", "Anything goes.", IsPublic: true, SystemUserId),
    ];

    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var room in Rooms)
        {
            var id = room.Name.ToLowerInvariant();
            await grains.GetGrain<IRoomGrain>(id).EnsureCreated(room);
            // Listed even if a previous start created the room but stopped before listing it.
            await grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).Add(await grains.GetGrain<IRoomGrain>(id).GetInfo(SystemUserId));
        }
        LogReady(logger, string.Join(", ", Rooms.Select(r => r.Name.ToLowerInvariant())));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Default rooms ready: {Rooms}")]
    private static partial void LogReady(ILogger logger, string rooms);
}
