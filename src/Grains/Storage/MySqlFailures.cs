using System.Net.Sockets;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>
/// How a MySqlConnector failure is read. A <em>lost connection</em> is one that says nothing about the statement and
/// everything about the socket: the server went away (stopped, restarted, crashed) or could not be reached. After a
/// restart every idle pooled connection is such a connection — each fails on first use — which is why a caller
/// empties the pool and tries once more on a fresh one. A command time-out, a lock wait or a constraint violation is
/// <em>not</em> a lost connection: trying again at once would only wait again or fail the same way.
/// </summary>
public static class MySqlFailures
{
    /// <summary>ER_CONNECTION_KILLED: MariaDB's word to its sessions when it shuts down or kills them.</summary>
    private const int ConnectionKilled = 1927;

    /// <summary>True when <paramref name="exception"/> (or an exception it wraps) is a lost or unreachable connection.</summary>
    public static bool IsConnectionLost(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case MySqlException mySql when IsConnectionLevel(mySql):
                case IOException: // includes EndOfStreamException: the server closed the socket
                case SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when no statement can have run: the connection could not even be opened. Only then is a non-idempotent
    /// unit of work safe to repeat blindly.
    /// </summary>
    public static bool FailedToConnect(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is MySqlException { ErrorCode: MySqlErrorCode.UnableToConnectToHost })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True for any failure of the store itself (as opposed to a bug): what callers report as unavailable.</summary>
    public static bool IsStoreFailure(Exception exception) =>
        exception is MySqlException or TimeoutException || IsConnectionLost(exception)
        || exception is InvalidOperationException { InnerException: MySqlException };

    private static bool IsConnectionLevel(MySqlException exception) =>
        exception.ErrorCode is MySqlErrorCode.UnableToConnectToHost
            or MySqlErrorCode.ServerShutdown
            or MySqlErrorCode.AbortingConnection
            or MySqlErrorCode.NetReadError
            or MySqlErrorCode.NetReadInterrupted
            or MySqlErrorCode.NetErrorOnWrite
            or MySqlErrorCode.NetWriteInterrupted
        || exception.Number == ConnectionKilled;
}
