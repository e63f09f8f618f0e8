using System.Net;
using System.Net.Sockets;

namespace RunawaysAlliance.TestSupport;

public static class TestPorts
{
    /// <summary>
    /// A loopback port that nothing listens on right now (bind an ephemeral port, then let it go): for a server to
    /// listen on, or for a database that cannot be reached.
    /// </summary>
    public static int Unused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
