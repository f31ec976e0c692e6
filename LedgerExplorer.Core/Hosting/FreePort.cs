using System.Net;
using System.Net.Sockets;

namespace LedgerExplorer.Core.Hosting;

/// <summary>A loopback TCP port nobody is listening on (the OS picks it), for a server a test or benchmark starts.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
