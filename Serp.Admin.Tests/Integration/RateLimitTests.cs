using System.Net;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

public sealed class RateLimitTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Sign_in_endpoints_answer_429_past_the_limit()
    {
        // An app of its own: the limiter's counters must not be shared with other test classes.
        await using var app = new AdminAppFactory(database.ConnectionString);
        using var client = app.CreateNonRedirectingClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            using var response = await client.GetAsync(new Uri("/auth/dev-signin?role=Viewer", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
    }
}
