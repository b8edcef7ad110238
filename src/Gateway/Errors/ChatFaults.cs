using Chat.Contracts.Errors;
using Chat.Errors;

namespace Chat.Gateway.Errors;

/// <summary>
/// Turns whatever a command threw into a catalog error, once, for every transport: a refusal stays as it is,
/// a cluster that cannot be reached (no gateway, a dead silo, a call that timed out) is
/// <see cref="ChatErrorCode.Unavailable"/> (safe to retry), anything else is <see cref="ChatErrorCode.Internal"/>
/// and logged, its details never shown to the client.
/// </summary>
public static partial class ChatFaults
{
    public static ChatException Classify(Exception exception, ILogger logger)
    {
        switch (exception)
        {
            case ChatException chat:
                return chat;
            case TimeoutException or OrleansException:
                LogClusterUnavailable(logger, exception.GetType().Name, exception.Message);
                return ErrorCatalog.Unavailable.ToException();
            default:
                LogUnexpected(logger, exception);
                return ErrorCatalog.Internal.ToException();
        }
    }

    /// <summary>True when the exception means the cluster could not be reached (a retry may succeed).</summary>
    public static bool IsClusterFault(Exception exception) =>
        exception is TimeoutException or OrleansException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster could not serve a call: {ExceptionType}: {Reason}")]
    private static partial void LogClusterUnavailable(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A command failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
