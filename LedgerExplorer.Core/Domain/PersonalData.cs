namespace LedgerExplorer.Core.Domain;

public static class PersonalData
{
    /// <summary>What a reader sees where personal data was forgotten (its key destroyed): a placeholder, never an error.</summary>
    public const string Erased = "(erased)";
}
