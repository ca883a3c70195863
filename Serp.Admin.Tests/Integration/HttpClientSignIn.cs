namespace Serp.Admin.Tests.Integration;

internal static class HttpClientSignIn
{
    /// <summary>Signs the client's cookie jar in through the Development sign-in endpoint.</summary>
    public static async Task SignInAsDevAsync(this HttpClient client, string role)
    {
        using var response = await client.GetAsync(new Uri($"/auth/dev-signin?role={role}&returnUrl=/orders", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
