namespace LedgerExplorer.Core.Domain;

/// <summary>Validation of the values a command carries. Pure; every limit is named here.</summary>
public static class AccountRules
{
    /// <summary>The largest amount one deposit or withdrawal may move.</summary>
    public const decimal MaxAmount = 1_000_000m;

    public const int MaxOwnerNameLength = 100;

    public const int MaxReferenceLength = 140;

    // Stryker disable once all : a static initializer runs once per test process, and Stryker's MTP runner keeps one process across mutants (stryker-net#3742); BoundarySpecs pins the four
    public static readonly IReadOnlySet<string> Currencies = new HashSet<string>(StringComparer.Ordinal) { "EUR", "USD", "GBP", "CHF" };

    public static DomainError? CheckAmount(decimal amount) => amount switch
    {
        <= 0m => DomainError.Invalid("amount_not_positive", $"The amount must be greater than zero (got {amount})."),
        > MaxAmount => DomainError.Invalid("amount_too_large", $"The amount may be at most {MaxAmount:N2} (got {amount})."),
        _ when decimal.Round(amount, 2) != amount => DomainError.Invalid("amount_too_precise", $"The amount may have at most 2 decimal places (got {amount})."),
        _ => null,
    };

    public static DomainError? CheckOwnerName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return DomainError.Invalid("owner_missing", "The owner's name is required.");
        if (name.Length > MaxOwnerNameLength)
            return DomainError.Invalid("owner_too_long", $"The owner's name may be at most {MaxOwnerNameLength} characters (got {name.Length}).");
        if (name.Any(char.IsControl) || name.Trim() != name)
            return DomainError.Invalid("owner_malformed", "The owner's name may not contain control characters or leading/trailing spaces.");
        // Invisible format characters (bidirectional overrides, zero-width spaces and joiners) make a name read
        // differently from what is stored — a spoofing tool, never part of a person's name here.
        if (name.Any(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            return DomainError.Invalid("owner_invisible_characters", "The owner's name may not contain invisible formatting characters (bidirectional overrides, zero-width characters).");
        return null;
    }

    public static DomainError? CheckCurrency(string? currency) =>
        currency is not null && Currencies.Contains(currency)
            ? null
            : DomainError.Invalid("currency_unknown", $"Unknown currency '{currency}'; expected one of {string.Join(", ", Currencies)}.");

    public static DomainError? CheckReference(string? reference) =>
        reference is { Length: > MaxReferenceLength }
            ? DomainError.Invalid("reference_too_long", $"The reference may be at most {MaxReferenceLength} characters (got {reference.Length}).")
            : null;

    public const int MaxReasonLength = 200;

    /// <summary>A late posting or a reversal says why, in a line a person can read in the audit trail.</summary>
    public static DomainError? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? DomainError.Invalid("reason_required", "A backdated posting or a reversal must give a reason.")
            : reason.Length > MaxReasonLength
                ? DomainError.Invalid("reason_too_long", $"The reason may be at most {MaxReasonLength} characters (got {reason.Length}).")
                : reason.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                    ? DomainError.Invalid("reason_malformed", "The reason may not contain control characters or invisible formatting characters.")
                    : null;
}
