using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Serp.Admin.Tests.Fakes.Ghl;

namespace Serp.Admin.Tests.Integration.Ghl;

/// <summary>The fake GHL server holds clients to GHL's rules: headers, body shapes, the burst limit.</summary>
public sealed class FakeGhlApiTests : IClassFixture<FakeGhlFixture>, IDisposable
{
    private readonly FakeGhlApi fake;
    private readonly HttpClient http = new();

    public FakeGhlApiTests(FakeGhlFixture fixture)
    {
        fake = fixture.Ghl;
        fake.Reset();
    }

    public void Dispose() => http.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, bool version = true, string token = FakeGhlApi.Token)
    {
        var request = new HttpRequestMessage(method, fake.BaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (version) request.Headers.Add("Version", FakeGhlApi.ApiVersion);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Without_the_Version_header_GHL_answers_400()
    {
        using var without = await SendAsync(HttpMethod.Get, "/workflows/?locationId=" + FakeGhlApi.LocationId, version: false);
        using var with = await SendAsync(HttpMethod.Get, "/workflows/?locationId=" + FakeGhlApi.LocationId);

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Equal(400, (await JsonAsync(without)).GetProperty("statusCode").GetInt32());
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_gets_401_and_another_location_403()
    {
        using var wrong = await SendAsync(HttpMethod.Get, "/workflows/?locationId=" + FakeGhlApi.LocationId, token: "pit-other");
        using var other = await SendAsync(HttpMethod.Get, "/locations/loc-other/customFields");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Unknown_properties_and_wrong_types_in_a_body_get_400_with_GHLs_error_json()
    {
        using var typo = await SendAsync(HttpMethod.Post, "/contacts/upsert",
            $$"""{"locationId":"{{FakeGhlApi.LocationId}}","email":"a@example.com","customField":[]}""");
        using var badValue = await SendAsync(HttpMethod.Post, "/contacts/upsert",
            $$"""{"locationId":"{{FakeGhlApi.LocationId}}","email":"a@example.com","customFields":[{"id":"field-license-key"}]}""");
        using var good = await SendAsync(HttpMethod.Post, "/contacts/upsert",
            $$"""{"locationId":"{{FakeGhlApi.LocationId}}","email":"a@example.com","customFields":[{"id":"field-license-key","field_value":"K"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("property customField should not exist", (await JsonAsync(typo)).GetProperty("message")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.True((await JsonAsync(good)).GetProperty("new").GetBoolean());
    }

    [Fact]
    public async Task An_upsert_with_tags_replaces_every_tag_as_GHL_does()
    {
        var id = fake.AddContact("a@example.com", tags: ["customer", "purchase-x"]);

        using var response = await SendAsync(HttpMethod.Post, "/contacts/upsert",
            $$"""{"locationId":"{{FakeGhlApi.LocationId}}","email":"a@example.com","tags":["vip"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["vip"], fake.Contacts.Single(c => c.Id == id).Tags);
    }

    [Fact]
    public async Task Past_the_burst_limit_requests_get_429_and_every_answer_carries_the_rate_limit_headers()
    {
        fake.BurstLimit = 3;
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            last = await SendAsync(HttpMethod.Get, "/opportunities/pipelines?locationId=" + FakeGhlApi.LocationId);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("0", last!.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("3", last.Headers.GetValues("X-RateLimit-Max").Single());
        Assert.Equal("10000", last.Headers.GetValues("X-RateLimit-Interval-Milliseconds").Single());
        Assert.Equal("199997", last.Headers.GetValues("X-RateLimit-Daily-Remaining").Single());
        Assert.Equal([200, 200, 200, 429, 429], fake.Requests.Select(r => r.Status ?? 0));
        last.Dispose();
    }
}
