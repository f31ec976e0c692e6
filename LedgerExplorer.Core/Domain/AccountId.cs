using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace LedgerExplorer.Core.Domain;

/// <summary>Identifies one account; its events live in the stream <c>account-{id}</c>.</summary>
public readonly partial record struct AccountId
{
    private AccountId(string value) => Value = value;

    public string Value { get; }

    public string StreamId => StreamPrefix + Value;

    public const string StreamPrefix = "account-";

    /// <summary>A fresh id: 12 lowercase hex digits (48 random bits), short enough to read aloud in class.</summary>
    public static AccountId New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    /// <summary>
    /// The id an idempotent "open" with <paramref name="key"/> gets: derived from the key, so a retried (or concurrent)
    /// open with the same key aims at the same stream and the log lets only one of them create it.
    /// </summary>
    public static AccountId ForIdempotencyKey(string key) =>
        new(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("open:" + key)).AsSpan(0, 6)));

    public static bool TryParse([NotNullWhen(true)] string? text, out AccountId id)
    {
        id = default;
        if (text is null || !Shape().IsMatch(text)) return false;
        id = new AccountId(text);
        return true;
    }

    public static AccountId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an account id (1-40 of a-z, 0-9, '-').");

    public static bool TryFromStreamId(string streamId, out AccountId id)
    {
        id = default;
        return streamId.StartsWith(StreamPrefix, StringComparison.Ordinal) && TryParse(streamId[StreamPrefix.Length..], out id);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex Shape();
}
