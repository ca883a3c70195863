using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.Ghl;

/// <summary>Every <see cref="IGhlApi"/> call against the fake GHL server: wire shapes, headers, the call log.</summary>
public sealed class GhlClientTests : IClassFixture<FakeGhlFixture>, IAsyncLifetime
{
    private const string Email = "ada.buyer@example.com";
    private static readonly string LicenseField = FakeGhlApi.SeededFieldId(GhlFieldKeys.LicenseKey);
    private static readonly string HistoryField = FakeGhlApi.SeededFieldId(GhlFieldKeys.PurchaseHistory);

    private readonly FakeGhlFixture fixture;
    private readonly FakeGhlApi fake;
    private readonly GhlTestHost host;

    public GhlClientTests(FakeGhlFixture fixture)
    {
        this.fixture = fixture;
        fake = fixture.Ghl;
        host = fixture.Host();
    }

    private IGhlApi Api => host.Api;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync()
    {
        host.Dispose();
        return Task.CompletedTask;
    }

    private Task<GhlContact> UpsertAsync(string email = Email, GhlCallLog? log = null) => Api.UpsertContactAsync(
        new GhlContactUpsert(email, "Ada", "Buyer", [new(LicenseField, "KEY-1234"), new(HistoryField, "SERP Downloader Pro")]), log, default);

    [Fact]
    public async Task Upsert_creates_the_contact_once_and_finds_it_again_by_email()
    {
        var created = await UpsertAsync();
        var again = await UpsertAsync(email: "ADA.Buyer@example.com");

        Assert.Equal(created.Id, again.Id);
        var stored = Assert.Single(fake.Contacts);
        Assert.Equal(("Ada", "Buyer"), (stored.FirstName, stored.LastName));
        Assert.Equal("KEY-1234", stored.CustomFields[LicenseField]);
        Assert.Contains(new GhlCustomFieldValue(LicenseField, "KEY-1234"), again.CustomFields);
    }

    [Fact]
    public async Task Upsert_sends_location_email_names_and_field_values_but_never_tags()
    {
        await UpsertAsync();

        var body = JsonDocument.Parse(Assert.Single(fake.RequestsTo("POST", "/contacts/upsert")).Body).RootElement;
        Assert.Equal(FakeGhlApi.LocationId, body.GetProperty("locationId").GetString());
        Assert.Equal(Email, body.GetProperty("email").GetString());
        Assert.Equal("Ada", body.GetProperty("firstName").GetString());
        Assert.Equal("KEY-1234", body.GetProperty("customFields")[0].GetProperty("field_value").GetString());
        Assert.False(body.TryGetProperty("tags", out _));
    }

    [Fact]
    public async Task Tags_added_separately_survive_a_later_upsert_and_can_be_removed()
    {
        var contact = await UpsertAsync();
        await Api.AddTagsAsync(contact.Id, ["customer", "purchase-serp-downloader", "disputed"], null, default);
        await UpsertAsync();
        await Api.RemoveTagsAsync(contact.Id, ["disputed"], null, default);

        var read = await Api.GetContactAsync(contact.Id, null, default);

        Assert.NotNull(read);
        Assert.Equal(["customer", "purchase-serp-downloader"], read.Tags.Order(StringComparer.Ordinal));
        Assert.Equal("{\"tags\":[\"disputed\"]}", Assert.Single(fake.RequestsTo("DELETE", $"/contacts/{contact.Id}/tags")).Body);
    }

    [Fact]
    public async Task Every_request_carries_the_token_the_version_and_accepts_json()
    {
        var contact = await UpsertAsync();
        await Api.GetContactAsync(contact.Id, null, default);
        await Api.ListPipelinesAsync(null, default);

        Assert.Equal(3, fake.Requests.Count);
        Assert.All(fake.Requests, r =>
        {
            Assert.Equal("Bearer " + FakeGhlApi.Token, r.Headers["Authorization"]);
            Assert.Equal("2021-07-28", r.Headers["Version"]);
            Assert.Equal("application/json", r.Headers["Accept"]);
        });
    }

    [Fact]
    public async Task Get_contact_reads_tags_and_fields_and_is_null_for_an_unknown_id()
    {
        var id = fake.AddContact(Email, "Ada", null, ["customer"], new Dictionary<string, string> { [LicenseField] = "KEY-9" });

        var found = await Api.GetContactAsync(id, null, default);
        var missing = await Api.GetContactAsync("no-such-contact", null, default);

        Assert.NotNull(found);
        Assert.Equal((Email, "Ada", (string?)null), (found.Email, found.FirstName, found.LastName));
        Assert.Equal(["customer"], found.Tags);
        Assert.Equal([new GhlCustomFieldValue(LicenseField, "KEY-9")], found.CustomFields);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Find_by_email_returns_the_contact_with_that_email_only()
    {
        var id = fake.AddContact(Email);
        fake.AddContact("someone.else@example.com");

        var found = await Api.FindContactByEmailAsync("Ada.Buyer@Example.com", null, default);
        var missing = await Api.FindContactByEmailAsync("nobody@example.com", null, default);

        Assert.Equal(id, found?.Id);
        Assert.Null(missing);
        Assert.Equal($"?locationId={FakeGhlApi.LocationId}&email=nobody%40example.com", fake.Requests[^1].Query);
    }

    [Fact]
    public async Task Location_lists_read_custom_fields_pipelines_with_stages_and_workflows()
    {
        var fields = await Api.ListCustomFieldsAsync(null, default);
        var pipelines = await Api.ListPipelinesAsync(null, default);
        var workflows = await Api.ListWorkflowsAsync(null, default);

        Assert.Contains(new GhlCustomField(LicenseField, "license key", GhlFieldKeys.LicenseKey, "TEXT"), fields);
        Assert.Equal(6, fields.Count);
        var serp = Assert.Single(pipelines, p => p.Name == GhlStages.Pipeline);
        Assert.Equal([new(FakeGhlApi.LeadStageId, "Lead"), new(FakeGhlApi.PurchaseStageId, "Purchase")], serp.Stages);
        Assert.Equal(2, pipelines.Count);
        Assert.Equal(new GhlWorkflow(FakeGhlApi.WelcomeWorkflowId, "New Purchase WELCOME Flow", "published"), Assert.Single(workflows));
    }

    [Fact]
    public async Task Opportunity_upsert_keeps_one_per_contact_and_pipeline_and_search_finds_it()
    {
        var contact = await UpsertAsync();
        var other = await UpsertAsync("other.buyer@example.com");
        var lead = await Api.UpsertOpportunityAsync(new GhlOpportunityUpsert(contact.Id, FakeGhlApi.SerpOffersPipelineId,
            FakeGhlApi.LeadStageId, "Ada Buyer", GhlOpportunityStatus.Open, 0m), null, default);
        var won = await Api.UpsertOpportunityAsync(new GhlOpportunityUpsert(contact.Id, FakeGhlApi.SerpOffersPipelineId,
            FakeGhlApi.PurchaseStageId, "Ada Buyer", GhlOpportunityStatus.Won, 97.00m), null, default);
        await Api.UpsertOpportunityAsync(new GhlOpportunityUpsert(other.Id, FakeGhlApi.SerpOffersPipelineId,
            FakeGhlApi.LeadStageId, "Other Buyer", GhlOpportunityStatus.Open, 0m), null, default);

        var found = await Api.SearchOpportunitiesAsync(contact.Id, FakeGhlApi.SerpOffersPipelineId, null, default);

        Assert.Equal(lead.Id, won.Id);
        Assert.Equal(new GhlOpportunity(won.Id, "Ada Buyer", FakeGhlApi.SerpOffersPipelineId, FakeGhlApi.PurchaseStageId, contact.Id,
            GhlOpportunityStatus.Won, 97.00m), Assert.Single(found));
        Assert.Equal(2, fake.Opportunities.Count);
    }

    [Fact]
    public async Task Workflow_enrolment_is_recorded_for_the_contact()
    {
        var contact = await UpsertAsync();

        await Api.AddToWorkflowAsync(contact.Id, FakeGhlApi.WelcomeWorkflowId, null, default);

        var enrolment = Assert.Single(fake.Enrolments);
        Assert.Equal((contact.Id, FakeGhlApi.WelcomeWorkflowId), (enrolment.ContactId, enrolment.WorkflowId));
    }

    [Fact]
    public async Task The_call_log_lists_each_call_with_its_path_without_query_and_status()
    {
        var log = new GhlCallLog();
        var contact = await UpsertAsync(log: log);
        await Api.FindContactByEmailAsync(Email, log, default);
        await Api.GetContactAsync("no-such-contact", log, default);

        Assert.Equal([("POST", "/contacts/upsert", (int?)200), ("GET", "/contacts/search/duplicate", 200), ("GET", "/contacts/no-such-contact", 404)],
            log.Calls.Select(c => (c.Method, c.Path, c.Status)));
        Assert.All(log.Calls, c => Assert.InRange(c.ElapsedMs, 0, 2_000));
        Assert.NotNull(contact);
    }

    [Fact]
    public async Task A_wrong_token_is_a_permanent_401()
    {
        using var wrong = fixture.Host(new Dictionary<string, string?> { ["Ghl:Token"] = "pit-wrong" });

        var error = await Assert.ThrowsAsync<GhlApiException>(() => wrong.Api.ListPipelinesAsync(null, default));

        Assert.Equal((401, false), (error.StatusCode, error.IsTransient));
        Assert.Contains("Ghl:Token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_body_is_a_permanent_400_with_GHLs_reason()
    {
        var contact = await UpsertAsync();

        var error = await Assert.ThrowsAsync<GhlApiException>(() => Api.UpsertOpportunityAsync(new GhlOpportunityUpsert(contact.Id,
            FakeGhlApi.SerpOffersPipelineId, "stage-sales-won", "Ada Buyer", GhlOpportunityStatus.Won, 97m), null, default));

        Assert.Equal((400, false), (error.StatusCode, error.IsTransient));
        Assert.Contains("Pipeline stage not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_change_on_an_unknown_contact_is_a_permanent_404()
    {
        var error = await Assert.ThrowsAsync<GhlApiException>(() => Api.AddTagsAsync("no-such-contact", ["customer"], null, default));

        Assert.Equal((404, false), (error.StatusCode, error.IsTransient));
    }

    [Fact]
    public async Task A_server_error_is_transient()
    {
        fake.Fail(FakeGhlFault.ServerError, 1, "/contacts/");
        var log = new GhlCallLog();

        var error = await Assert.ThrowsAsync<GhlApiException>(() => UpsertAsync(log: log));

        Assert.Equal((500, true), (error.StatusCode, error.IsTransient));
        Assert.Equal(500, Assert.Single(log.Calls).Status);
        Assert.NotNull(await UpsertAsync());
    }

    [Fact]
    public async Task A_hang_past_the_timeout_is_transient_without_a_status()
    {
        using var quick = fixture.Host(new Dictionary<string, string?> { ["Ghl:Timeout"] = "00:00:00.300" });
        fake.Fail(FakeGhlFault.Hang, 1);
        var log = new GhlCallLog();

        var error = await Assert.ThrowsAsync<GhlApiException>(() => quick.Api.ListWorkflowsAsync(log, default));

        Assert.Equal((null, true), (error.StatusCode, error.IsTransient));
        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
        var call = Assert.Single(log.Calls);
        Assert.Null(call.Status);
        Assert.InRange(call.ElapsedMs, 250, 5_000);
    }

    [Fact]
    public async Task A_dropped_connection_is_transient_without_a_status()
    {
        fake.Fail(FakeGhlFault.Drop, 1);

        var error = await Assert.ThrowsAsync<GhlApiException>(() => Api.ListCustomFieldsAsync(null, default));

        Assert.Equal((null, true), (error.StatusCode, error.IsTransient));
        Assert.Single(await Api.ListWorkflowsAsync(null, default));
    }

    [Fact]
    public async Task A_429_that_persists_is_tried_three_more_times_then_transient_with_Retry_After()
    {
        fake.RateLimitNext(10, TimeSpan.FromSeconds(1));
        var log = new GhlCallLog();

        var error = await Assert.ThrowsAsync<GhlApiException>(() => Api.ListPipelinesAsync(log, default));

        Assert.Equal((429, true, TimeSpan.FromSeconds(1)), (error.StatusCode, error.IsTransient, error.RetryAfter));
        Assert.Equal([429, 429, 429, 429], log.Calls.Select(c => c.Status ?? 0));
        var sent = fake.Requests.Select(r => r.At).ToList();
        Assert.All(sent.Zip(sent.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(950), "retried before Retry-After"));
    }

    [Fact]
    public async Task Without_token_or_location_the_client_is_not_configured_and_sends_nothing()
    {
        using var bare = fixture.Host(new Dictionary<string, string?> { ["Ghl:Token"] = "" });

        var error = await Assert.ThrowsAsync<GhlApiException>(() => bare.Api.ListPipelinesAsync(null, default));

        Assert.False(bare.Api.IsConfigured);
        Assert.True(Api.IsConfigured);
        Assert.False(error.IsTransient);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task Logs_at_Information_and_above_hold_no_token_and_no_email()
    {
        var contact = await UpsertAsync();
        fake.Fail(FakeGhlFault.ServerError, 1);
        await Assert.ThrowsAsync<GhlApiException>(() => UpsertAsync());
        await Assert.ThrowsAsync<GhlApiException>(() => Api.AddTagsAsync("missing", ["x"], null, default));

        var lines = host.Logs.Lines.Where(l => l.Category.StartsWith("Serp.Admin.Integrations.Ghl", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Level >= LogLevel.Information);
        Assert.DoesNotContain(lines, l => l.Text.Contains(FakeGhlApi.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Information && l.Text.Contains("ada.buyer", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Information && l.Text.Contains("KEY-1234", StringComparison.Ordinal));
        Assert.NotNull(contact);
    }
}
