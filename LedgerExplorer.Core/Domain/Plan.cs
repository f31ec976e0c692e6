namespace LedgerExplorer.Core.Domain;

/// <summary>The account plans a customer can be on.</summary>
public enum Plan
{
    Basic,
    Plus,
    Premium,
}
