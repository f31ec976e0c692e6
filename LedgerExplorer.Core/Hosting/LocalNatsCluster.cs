using System.Globalization;
using System.Text.Json;

namespace LedgerExplorer.Core.Hosting;

/// <summary>
/// A cluster of nats-servers with JetStream of our own, on loopback (free ports, temp store directories): each node
/// from a config file with <c>server_name</c> and <c>cluster { name, listen, routes }</c>. Ready when every node's
/// JetStream answers and the nodes agree on a meta leader. A node can be killed (SIGKILL), frozen (SIGSTOP: to the
/// others, a partition), thawed and started again on its store; every process is ours and signalled by PID.
/// </summary>
public sealed class LocalNatsCluster : IAsyncDisposable
{
    private LocalNatsCluster(IReadOnlyList<Node> nodes) => Nodes = nodes;

    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>Every node's client URL, comma-separated: how a client is given a cluster.</summary>
    public string Url => string.Join(',', Nodes.Select(n => n.Url));

    public static async Task<LocalNatsCluster?> TryStartAsync(int size = 3, CancellationToken cancellationToken = default)
    {
        if (LocalNatsServer.Executable is null) return null;
        for (var attempt = 1; ; attempt++)
        {
            // Ports are free when picked and taken when the servers bind them; another process may take one in between,
            // and then a node exits at once ("address already in use"): pick again, a few times.
            var cluster = Create(size);
            try
            {
                foreach (var node in cluster.Nodes) node.Start();
                foreach (var node in cluster.Nodes) await node.WaitReadyAsync(cancellationToken);
                await cluster.WaitForMetaLeaderAsync(TimeSpan.FromSeconds(30), cancellationToken);
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
            {
                await cluster.DisposeAsync();
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }
    }

    private static LocalNatsCluster Create(int size)
    {
        var name = $"ledger-{Guid.NewGuid():N}"[..15];
        var free = FreePort.Next(size * 3);
        var ports = Enumerable.Range(0, size).Select(i => (Client: free[3 * i], Monitor: free[(3 * i) + 1], Route: free[(3 * i) + 2])).ToArray();
        return new LocalNatsCluster(ports.Select((p, i) => new Node($"n{i + 1}", name, p.Client, p.Monitor, p.Route, ports.Where((_, j) => j != i).Select(o => o.Route).ToArray())).ToList());
    }

    /// <summary>The node whose server name is <paramref name="serverName"/> (as JetStream reports a leader).</summary>
    public Node Named(string serverName) => Nodes.Single(n => n.Name == serverName);

    /// <summary>Waits until a running node reports a JetStream meta leader with every other running node current.</summary>
    public async Task WaitForMetaLeaderAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var node in Nodes.Where(n => n.IsRunning))
            {
                try
                {
                    // A leader, and every other running node current with it: until then an R3 stream may find no room.
                    using var jsz = JsonDocument.Parse(await http.GetStringAsync($"{node.MonitorUrl}/jsz", cancellationToken));
                    if (jsz.RootElement.TryGetProperty("meta_cluster", out var meta) && meta.TryGetProperty("leader", out var leader) && leader.GetString() is { Length: > 0 }
                        && meta.TryGetProperty("replicas", out var replicas)
                        && replicas.EnumerateArray().Count(r => r.TryGetProperty("current", out var current) && current.GetBoolean()) >= Nodes.Count(n => n.IsRunning) - 1) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                {
                }
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The nats cluster elected no JetStream meta leader within {timeout.TotalSeconds:0} s.");
            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }

    /// <summary>One server of the cluster: its watchdog process, the server's own PID, its store.</summary>
    public sealed class Node : IAsyncDisposable
    {
        private readonly DirectoryInfo _store = Directory.CreateTempSubdirectory("ledger-nats-node-");
        private readonly string _config;
        private ChildProcess? _process;
        private int _serverPid;

        internal Node(string name, string cluster, int port, int monitor, int route, int[] peers)
        {
            Name = name;
            Url = $"nats://127.0.0.1:{port}";
            MonitorUrl = $"http://127.0.0.1:{monitor}";
            _config = Path.Combine(_store.FullName, "node.conf");
            File.WriteAllText(_config, $$"""
                server_name: {{name}}
                listen: 127.0.0.1:{{port}}
                http: 127.0.0.1:{{monitor}}
                ping_interval: "2s"
                ping_max: 2
                jetstream { store_dir: "{{Path.Combine(_store.FullName, "js")}}" }
                cluster {
                  name: {{cluster}}
                  listen: 127.0.0.1:{{route}}
                  routes: [{{string.Join(", ", peers.Select(p => $"nats-route://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"))}}]
                }
                """);
        }

        public string Name { get; }

        public string Url { get; }

        public string MonitorUrl { get; }

        public bool IsRunning => _process is { HasExited: false };

        /// <summary>Where the server keeps its JetStream files.</summary>
        public string StoreDirectory => Path.Combine(_store.FullName, "js");

        internal void Start()
        {
            // The watchdog prints the server's PID first, so a test can signal the server itself (not the watchdog).
            var script = "echo \"server-pid $$\"; exec \"$@\"";
            _process = ChildProcess.Start("/bin/sh", ["-c", LocalNatsServer.Watchdog, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                "/bin/sh", "-c", script, "server", LocalNatsServer.Executable!, "-c", _config]);
            _serverPid = 0;
        }

        internal async Task WaitReadyAsync(CancellationToken cancellationToken)
        {
            await _process!.WaitForHttpAsync($"{MonitorUrl}/healthz?js-enabled-only=true", TimeSpan.FromSeconds(30), $"nats-server {Name}", cancellationToken);
            await _process.WaitUntilReadyAsync(_ => Task.FromResult(ServerPid() > 0), TimeSpan.FromSeconds(5), $"nats-server {Name}'s pid", cancellationToken);
        }

        /// <summary>SIGKILL the server: a crash, no goodbye to its peers.</summary>
        public async Task KillAsync()
        {
            Signals.KillNow(ServerPid());
            if (_process is not null) await _process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        /// <summary>SIGSTOP the server: it holds its connections but answers nothing — a partition as its peers see it.</summary>
        public void Freeze() => Signals.Freeze(ServerPid());

        public void Thaw() => Signals.Continue(ServerPid());

        /// <summary>Starts the server again on the store it had (after <see cref="KillAsync"/>).</summary>
        public async Task RestartAsync(CancellationToken cancellationToken = default)
        {
            if (_process is not null) await _process.DisposeAsync();
            Start();
            await WaitReadyAsync(cancellationToken);
        }

        private static bool IsOurServer(int pid)
        {
            try
            {
                return File.ReadAllText($"/proc/{pid}/cmdline").Contains("nats-server", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
        }

        private int ServerPid()
        {
            if (_serverPid > 0) return _serverPid;
            var line = _process?.Output.Split('\n').FirstOrDefault(l => l.StartsWith("server-pid ", StringComparison.Ordinal));
            return _serverPid = line is null ? 0 : int.Parse(line["server-pid ".Length..], CultureInfo.InvariantCulture);
        }

        public async ValueTask DisposeAsync()
        {
            if (_serverPid > 0) Signals.Continue(_serverPid); // a frozen server cannot act on its watchdog's SIGTERM
            if (_process is not null) await _process.DisposeAsync();
            if (_serverPid > 0 && IsOurServer(_serverPid)) Signals.KillNow(_serverPid); // should the watchdog have gone first
            try
            {
                _store.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
