using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Serp.Admin.Auth;

/// <summary>
/// A circuit can outlive the cookie check of the request that opened it: re-check the absolute
/// session lifetime every minute and sign the circuit out when it has passed.
/// </summary>
internal sealed class SessionRevalidatingStateProvider(ILoggerFactory loggerFactory, TimeProvider time)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var user = authenticationState.User;
        var valid = user.Identity?.IsAuthenticated != true || !StaffIdentity.SessionExpired(user, time.GetUtcNow());
        return Task.FromResult(valid);
    }
}
