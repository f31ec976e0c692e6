using Microsoft.AspNetCore.Authorization;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>What a signed-in person may do, by kind of action: each one an authorization policy of the same name.</summary>
public enum LedgerAction
{
    /// <summary>Read accounts, the log, time travel, read models, the projector's and snapshots' status: everyone signed in.</summary>
    Read,

    /// <summary>Open an account, deposit, withdraw.</summary>
    Transact,

    /// <summary>Change a plan, close an account, post late (a past business time), reverse a posting, issue a statement.</summary>
    Manage,

    /// <summary>Ask the audit trail who changed what.</summary>
    Audit,

    /// <summary>Forget an owner (crypto-shredding).</summary>
    Forget,

    /// <summary>Rebuild or redeliver to a projection, pause or resume the projector, bursts, the snapshot benchmark, start over.</summary>
    Operate,
}

/// <summary>The five roles and which of them may do what (the table in the README says the same).</summary>
public static class LedgerRoles
{
    public const string Teller = "teller";
    public const string Manager = "manager";
    public const string Auditor = "auditor";
    public const string Privacy = "privacy";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Teller, Manager, Auditor, Privacy, Admin];

    /// <summary>The roles that may do <paramref name="action"/>; empty for <see cref="LedgerAction.Read"/>: any signed-in user may.</summary>
    public static IReadOnlyList<string> For(LedgerAction action) => action switch
    {
        LedgerAction.Read => [],
        LedgerAction.Transact => [Teller, Manager, Admin],
        LedgerAction.Manage => [Manager, Admin],
        LedgerAction.Audit => [Auditor, Admin],
        LedgerAction.Forget => [Privacy, Admin],
        LedgerAction.Operate => [Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>"needs the manager or admin role", for a tooltip or a 403.</summary>
    public static string Needs(LedgerAction action) => For(action) switch
    {
        [] => "needs a signed-in user",
        [var one] => $"needs the {one} role",
        var many => $"needs the {string.Join(", ", many.Take(many.Count - 1))} or {many[^1]} role",
    };

    public static void AddLedgerPolicies(this AuthorizationOptions options)
    {
        foreach (var action in Enum.GetValues<LedgerAction>())
        {
            options.AddPolicy(action.ToString(), policy =>
            {
                policy.RequireAuthenticatedUser();
                if (For(action) is { Count: > 0 } roles) policy.RequireRole(roles);
            });
        }
    }

    public static TBuilder RequireAuthorization<TBuilder>(this TBuilder builder, LedgerAction action) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(action.ToString());
}
