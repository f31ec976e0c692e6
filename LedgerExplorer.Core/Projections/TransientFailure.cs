using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace LedgerExplorer.Core.Projections;

/// <summary>
/// Which failures are the world's fault and pass (a busy or locked database, an I/O hiccup, a server restarting)
/// — retried with back-off — and which are the event's: a projection that cannot apply it (a poison event),
/// which stops that projection where it is until someone fixes the code and rebuilds.
/// </summary>
public static class TransientFailure
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_PROTOCOL
    private static readonly int[] TransientSqliteCodes = [5, 6, 10, 13, 14, 15];

    public static bool Is(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException sqlite when TransientSqliteCodes.Contains(sqlite.SqliteErrorCode):
                case IOException:
                case TimeoutException:
                case SocketException:
                case HttpRequestException:
                case NATS.Client.Core.NatsException:
                    return true;
            }
        }

        return false;
    }
}
