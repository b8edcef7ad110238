using Chat.Gateway.Application;
using Chat.Search;

namespace Chat.Grpc.Tests.Fakes;

internal sealed partial class FakeRoomLog
{
    public Task<SearchPage> SearchMessagesAsync(Caller caller, string? q, string? roomId, int? limit, long? beforeSeq, string? cursor, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
