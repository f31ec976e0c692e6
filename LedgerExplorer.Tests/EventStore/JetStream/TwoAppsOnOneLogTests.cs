using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LedgerExplorer.Core.Domain;
using LedgerExplorer.Core.EventStore.JetStream;
using LedgerExplorer.Core.Privacy;
using LedgerExplorer.Tests.Support;

namespace LedgerExplorer.Tests.EventStore.JetStream;

/// <summary>
/// Two App processes — each with its own port, read models and child projector — on one log replicated on the
/// three-node cluster, sharing the personal-data keys there. And a forget on the cluster erases the key's bytes from
/// every node's files.
/// </summary>
[Collection(NatsClusterCollection.Name)]
[Trait("Proof", "SecondBackend")]
public sealed class TwoAppsOnOneLogTests
{
    [Fact]
    public async Task Both_apps_read_each_others_writes_a_race_across_them_has_one_winner_a_forget_by_one_erases_for_both_and_their_read_models_converge()
    {
        var cluster = await NatsCluster.Shared;
        var name = $"TWO{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string>
        {
            ["EventStore:Backend"] = "JetStream",
            ["EventStore:JetStream:Url"] = cluster.Url,
            ["EventStore:JetStream:Stream"] = name,
            ["EventStore:JetStream:SubjectPrefix"] = name.ToLowerInvariant(),
            ["EventStore:JetStream:Replicas"] = "3",
            ["EventStore:KeyStore"] = "JetStream",
            ["Projector:Mode"] = "Child",
        };
        using var dataA = new TempDirectory();
        using var dataB = new TempDirectory();
        await using var appA = await AppProcess.StartAsync(dataA.Path, settings);
        await using var appB = await AppProcess.StartAsync(dataB.Path, settings);
        var a = await appA.SignInAsync();
        var b = await appB.SignInAsync();
        try
        {
            // Opened through A: B reads it, the owner's name decrypted with the key both share.
            var opened = await (await a.PostAsJsonAsync("/api/accounts", new { owner = "Ada Lovelace", plan = "Basic", currency = "EUR" })).Content.ReadFromJsonAsync<JsonElement>();
            var id = opened.GetProperty("accountId").GetString()!;
            var seenByB = await b.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}");
            Assert.Equal(("Ada Lovelace", 1L), (seenByB.GetProperty("owner").GetString(), seenByB.GetProperty("version").GetInt64()));

            // The same expected version sent to both Apps at once: one wins, the other is told who did.
            var race = await Task.WhenAll(
                a.PostAsJsonAsync($"/api/accounts/{id}/deposits", new { amount = 10m, expectedVersion = 1 }),
                b.PostAsJsonAsync($"/api/accounts/{id}/deposits", new { amount = 20m, expectedVersion = 1 }));
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], race.Select(r => r.StatusCode).Order());

            // Forgotten through B: A can no longer read the name either.
            Assert.Equal(HttpStatusCode.OK, (await b.PostAsync($"/api/accounts/{id}/forget", null)).StatusCode);
            var seenByA = await a.GetFromJsonAsync<JsonElement>($"/api/accounts/{id}");
            Assert.Equal(PersonalData.Erased, seenByA.GetProperty("owner").GetString());

            // Each App's projector has applied the same log: the two read models hash the same.
            await Task.WhenAll(CaughtUpAsync(a, 3), CaughtUpAsync(b, 3));
            var rebuiltA = await (await a.PostAsync("/api/projections/balances/rebuild", null)).Content.ReadFromJsonAsync<JsonElement>();
            var rebuiltB = await (await b.PostAsync("/api/projections/balances/rebuild", null)).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(rebuiltA.GetProperty("hashBefore").GetString(), rebuiltB.GetProperty("hashBefore").GetString());
            Assert.True(rebuiltA.GetProperty("identical").GetBoolean());
            Assert.True(rebuiltB.GetProperty("identical").GetBoolean());
        }
        finally
        {
            var options = new JetStreamOptions { Url = cluster.Url, Stream = name, SubjectPrefix = name.ToLowerInvariant(), Replicas = 3 };
            await using var keys = new JetStreamKeyStore(options);
            keys.DestroyAll();
            await using var log = new JetStreamEventStore(options);
            await log.DeleteStreamAsync();
        }
    }

    [Fact]
    [Trait("Proof", "CryptoShredding")]
    public async Task A_forgotten_key_is_erased_from_every_nodes_files()
    {
        var cluster = await NatsCluster.Shared;
        var name = $"KEYS{Guid.NewGuid():N}";
        await using var keys = new JetStreamKeyStore(new JetStreamOptions { Url = cluster.Url, Stream = name, SubjectPrefix = name.ToLowerInvariant(), Replicas = 3 });
        try
        {
            keys.Encrypt("acct00000001", "Ada Lovelace");
            keys.Encrypt("acct00000002", "Grace Hopper"); // a neighbour in the same block, which stays
            // The stored key message begins with the key id's bytes, and the key follows them.
            var forgotten = Guid.ParseExact(keys.KeyIdOf("acct00000001")!, "N").ToByteArray();
            var kept = Guid.ParseExact(keys.KeyIdOf("acct00000002")!, "N").ToByteArray();
            Assert.Equal(1, FilesHolding(cluster, forgotten)); // one replica, on purpose: no Raft log keeps a copy
            Assert.Equal(1, FilesHolding(cluster, kept));

            Assert.True(keys.Forget("acct00000001"));

            Assert.Equal(0, FilesHolding(cluster, forgotten));
            Assert.Equal(1, FilesHolding(cluster, kept));
        }
        finally
        {
            keys.DestroyAll();
        }
    }

    private static int FilesHolding(Core.Hosting.LocalNatsCluster cluster, byte[] bytes) =>
        cluster.Nodes.Sum(node => Directory.EnumerateFiles(node.StoreDirectory, "*", SearchOption.AllDirectories)
            .Count(file => FileScan.Holds(file, bytes)));

    private static Task CaughtUpAsync(HttpClient app, long head) => Eventually.Within(TimeSpan.FromSeconds(60), async () =>
    {
        var projections = await app.GetFromJsonAsync<JsonElement>("/api/projections");
        return projections.EnumerateArray().All(p => p.GetProperty("checkpoint").GetInt64() >= head) ? true : (bool?)null;
    });
}
