namespace LedgerExplorer.Tests.Architecture.Violations.Domain;

/// <summary>A "domain" type that opens a database connection: impure.</summary>
internal sealed class LeakyDecider
{
    public static Microsoft.Data.Sqlite.SqliteConnection Connect() => new("Data Source=:memory:");
}
