using System.Net;
using System.Text.Json;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

public sealed class HealthTests(AdminAppFixture app) : IClassFixture<AdminAppFixture>
{
    [Fact]
    public async Task Live_answers_anonymously_with_json()
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_is_healthy_on_a_migrated_database()
    {
        using var client = app.Factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"database\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_answers_503_when_migrations_are_missing()
    {
        var empty = await TestDatabases.CreateEmptyAsync("health");
        try
        {
            await using var factory = new AdminAppFactory(TestDatabases.ConnectionString(empty));
            using var client = factory.CreateNonRedirectingClient();

            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("not applied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await TestDatabases.DropAsync(empty);
        }
    }

    [Fact]
    public async Task Ready_answers_503_when_the_database_is_unreachable()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        await using var factory = new AdminAppFactory("Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2");
        using var client = factory.CreateNonRedirectingClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.DoesNotContain("127.0.0.1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
