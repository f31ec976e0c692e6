using System.Text.Json;
using LedgerExplorer.Core.Composition;
using LedgerExplorer.Core.EventStore;
using LedgerExplorer.Core.Integrity;

namespace LedgerExplorer.App.Features.Integrity;

/// <summary>
/// <c>dotnet run --project LedgerExplorer.App -- verify [--digest FILE] [--Ledger:DataDir=PATH]</c> re-walks the
/// ledger's hash chain from its files (read only: it never migrates or writes) and, with a digest kept earlier (the
/// JSON of <c>GET /api/integrity</c>), says whether the log still holds it. <c>verify --proof FILE --digest FILE</c>
/// checks an inclusion proof (the JSON of <c>GET /api/events/{position}/proof</c>) against a digest with no ledger at
/// all. Exit codes: 0 verified, 1 not (with the first altered position or the reason), 2 usage or unreadable input.
/// </summary>
public static class VerifyCommand
{
    public const string Verb = "verify";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        var (digestFile, rest) = CommandLine.TakeOption(args, "--digest");
        var (proofFile, settings) = CommandLine.TakeOption(rest, "--proof");
        if (settings.Any(a => !a.StartsWith("--", StringComparison.Ordinal) || a is "--help" or "-h"))
        {
            await output.WriteLineAsync("usage: verify [--digest FILE] [--Ledger:DataDir=PATH]   |   verify --proof FILE --digest FILE");
            return 2;
        }

        IntegrityDigest? digest = null;
        try
        {
            if (digestFile is not null) digest = Read<IntegrityDigest>(digestFile);
            if (proofFile is not null)
            {
                if (digest is null)
                {
                    await output.WriteLineAsync("verify --proof needs --digest FILE: a proof is checked against a digest you kept.");
                    return 2;
                }

                var answer = Read<IntegrityEndpoints.ProofAnswer>(proofFile);
                var holds = IntegrityProofs.VerifyInclusion(answer.Event.ToStored(), answer.Proof, digest, out var why);
                await output.WriteLineAsync(holds ? $"Verified: {why}." : $"NOT verified: {why}.");
                return holds ? 0 : 1;
            }
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or ArgumentNullException)
        {
            await output.WriteLineAsync($"Cannot read the input: {e.Message}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLedgerStorage(builder.Configuration);
        builder.Services.AddSingleton<LedgerIntegrity>();
        using var host = builder.Build();
        var integrity = host.Services.GetRequiredService<LedgerIntegrity>();
        await output.WriteLineAsync($"Walking the hash chain of {host.Services.GetRequiredService<ILedgerLog>().Description}…");

        var walk = await integrity.Verifier.VerifyAsync();
        if (walk.Break is { } broken)
        {
            await output.WriteLineAsync($"BROKEN at position {broken.Position}: {broken.Reason}. Positions 1–{walk.VerifiedTo} verified ({walk.Took.TotalMilliseconds:N0} ms).");
        }
        else
        {
            await output.WriteLineAsync($"Verified up to position {walk.VerifiedTo}: {walk.RowsChecked:N0} rows in {walk.Took.TotalMilliseconds:N0} ms; head hash {EventHash.ToHex(walk.Hash)}.");
        }

        if (digest is null) return walk.Intact ? 0 : 1;
        var check = await integrity.CheckAsync(digest);
        await output.WriteLineAsync(check.Holds ? $"Digest holds. {check.Message}" : $"Digest does NOT hold. {check.Message}");
        return walk.Intact && check.Holds ? 0 : 1;
    }

    private static T Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new JsonException($"{path} holds no JSON object.");
}
