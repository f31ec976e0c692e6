namespace LedgerExplorer.Core.Domain;

/// <summary>Why a command was refused. <see cref="Kind"/> says whose fault it is.</summary>
public sealed record DomainError(ErrorKind Kind, string Code, string Message)
{
    public static DomainError Invalid(string code, string message) => new(ErrorKind.Invalid, code, message);

    public static DomainError Rejected(string code, string message) => new(ErrorKind.Rejected, code, message);

    public static DomainError NotFound(string message) => new(ErrorKind.NotFound, "account_not_found", message);
}

public enum ErrorKind
{
    /// <summary>The command itself is malformed (a bad amount, an empty name): HTTP 400.</summary>
    Invalid,

    /// <summary>The account does not exist (yet): HTTP 404.</summary>
    NotFound,

    /// <summary>A well-formed command that a business rule refuses (insufficient funds, closed account): HTTP 422.</summary>
    Rejected,
}
