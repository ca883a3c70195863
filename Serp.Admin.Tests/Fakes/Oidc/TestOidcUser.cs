namespace Serp.Admin.Tests.Fakes.Oidc;

/// <summary>The person the test provider signs in, with the values of the <c>role</c> claim the test chooses.</summary>
public sealed record TestOidcUser(string Subject, string Name, string Email, params string[] Roles);

/// <summary>The one client the test provider knows: requests from anything else are refused.</summary>
public sealed record TestOidcClient(string ClientId, string ClientSecret, Uri RedirectUri, Uri PostLogoutRedirectUri);
