using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LedgerExplorer.App.Features.Identity;

/// <summary>
/// Identity's sign-in manager, taking a user name <i>or</i> an e-mail address: the Identity API's
/// <c>POST /api/identity/login {email, password}</c> passes the e-mail where the manager expects a user name, and
/// users here are named (alice) as well as addressed (alice@ledger.demo) — the name is what the audit trail records.
/// </summary>
public sealed class LedgerSignInManager(
    UserManager<IdentityUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<IdentityUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<IdentityUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<IdentityUser> confirmation)
    : SignInManager<IdentityUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName) ?? (userName.Contains('@', StringComparison.Ordinal) ? await UserManager.FindByEmailAsync(userName) : null);
        return user is null ? SignInResult.Failed : await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }
}
