namespace LedgerExplorer.Core.Projections.Statements;

/// <summary>
/// One account's statement for one calendar month (UTC): what it opened with, what came in and went out,
/// and what it closed with. (The domain has no fee events, so a statement shows none.)
/// </summary>
public sealed record StatementRow(
    string AccountId,
    string Month,
    string Currency,
    decimal Opening,
    decimal Credits,
    decimal Debits,
    decimal Closing,
    int Events) : IReadModelRow
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string Key => KeyFor(AccountId, Month);

    // Stryker disable once String : equivalent — a month is always seven characters (yyyy-MM), so account + month is unambiguous without the separator; it is there for a person reading a key
    public static string KeyFor(string accountId, string month) => accountId + "/" + month;
}
