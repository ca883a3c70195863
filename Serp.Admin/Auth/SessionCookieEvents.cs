using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Serp.Admin.Auth;

/// <summary>
/// Enforces the absolute session lifetime (the idle one is the cookie's sliding expiry) and logs
/// sign-in and sign-out by subject and role only: never tokens, never email addresses.
/// </summary>
internal sealed class SessionCookieEvents(SessionSettings settings, TimeProvider time, ILogger<SessionCookieEvents> logger)
    : CookieAuthenticationEvents
{
    public const string SessionExpiresClaim = "serp:session_expires";

    public override Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(SessionExpiresClaim) is null)
        {
            var expires = time.GetUtcNow().Add(settings.AbsoluteTimeout).ToUnixTimeSeconds();
            identity.AddClaim(new Claim(SessionExpiresClaim, expires.ToString(CultureInfo.InvariantCulture)));
            logger.LogInformation("Staff sign-in: subject {Subject} with roles {Roles}",
                StaffIdentity.Subject(context.Principal), StaffIdentity.RolesText(context.Principal));
        }
        return Task.CompletedTask;
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not null && StaffIdentity.SessionExpired(context.Principal, time.GetUtcNow()))
        {
            logger.LogInformation("Staff session ended (absolute timeout): subject {Subject}", StaffIdentity.Subject(context.Principal));
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    public override Task SigningOut(CookieSigningOutContext context)
    {
        logger.LogInformation("Staff sign-out: subject {Subject}", StaffIdentity.Subject(context.HttpContext.User));
        return Task.CompletedTask;
    }
}
