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

    /// <summary><paramref name="count"/> different free ports: each listener is held until all are picked, so the OS cannot hand one out twice.</summary>
    public static int[] Next(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
