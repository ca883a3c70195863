using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Tests.Fakes.Ghl;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Integration.Ghl;

/// <summary>The location map against the fake: by field key and by name, configuration overrides, problems, the cache.</summary>
public sealed class GhlLocationMapTests(FakeGhlFixture fixture) : IClassFixture<FakeGhlFixture>, IAsyncLifetime
{
    private readonly FakeGhlApi fake = fixture.Ghl;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Fields_resolve_by_key_and_stages_by_name_in_the_SERP_Offers_pipeline()
    {
        using var host = fixture.Host();

        var map = await host.Map.GetAsync(default);

        Assert.Equal(GhlFieldKeys.All.ToDictionary(k => k, FakeGhlApi.SeededFieldId), map.FieldIds);
        Assert.DoesNotContain("field-pincode", map.FieldIds.Values);
        Assert.Equal(FakeGhlApi.SerpOffersPipelineId, map.PipelineId);
        // The "Sales" pipeline has a "Lead" stage too: only the SERP Offers one counts.
        Assert.Equal(new Dictionary<string, string> { ["Lead"] = FakeGhlApi.LeadStageId, ["Purchase"] = FakeGhlApi.PurchaseStageId }, map.StageIds);
        Assert.Empty(map.Problems);
    }

    [Fact]
    public async Task Names_match_whatever_their_case()
    {
        fake.RemovePipeline(FakeGhlApi.SerpOffersPipelineId);
        var pipeline = fake.AddPipeline("serp offers ", "LEAD", "purchase");
        using var host = fixture.Host();

        var map = await host.Map.GetAsync(default);

        Assert.Equal(pipeline.Id, map.PipelineId);
        Assert.Equal(pipeline.Stages.Select(s => s.Id), [map.StageIds["Lead"], map.StageIds["Purchase"]]);
    }

    [Fact]
    public async Task Configured_ids_win_over_the_lookup()
    {
        var sales = "pipeline-sales";
        using var host = fixture.Host(new Dictionary<string, string?>
        {
            ["Ghl:FieldIds:contact.license_key"] = "field-pincode",
            ["Ghl:PipelineId"] = sales,
            ["Ghl:StageIds:Lead"] = "stage-sales-lead",
            ["Ghl:StageIds:Purchase"] = "stage-sales-won",
        });

        var map = await host.Map.GetAsync(default);

        Assert.Equal("field-pincode", map.FieldIds[GhlFieldKeys.LicenseKey]);
        Assert.Equal(FakeGhlApi.SeededFieldId(GhlFieldKeys.TotalSpent), map.FieldIds[GhlFieldKeys.TotalSpent]);
        Assert.Equal(sales, map.PipelineId);
        Assert.Equal(new Dictionary<string, string> { ["Lead"] = "stage-sales-lead", ["Purchase"] = "stage-sales-won" }, map.StageIds);
        Assert.Empty(map.Problems);
    }

    [Fact]
    public async Task A_missing_field_and_a_missing_stage_are_listed_in_plain_words()
    {
        fake.RemoveCustomField(GhlFieldKeys.AffiliateId);
        fake.RemoveStage(FakeGhlApi.SerpOffersPipelineId, "Purchase");
        using var host = fixture.Host();

        var map = await host.Map.GetAsync(default);

        Assert.Equal(4, map.FieldIds.Count);
        Assert.False(map.FieldIds.ContainsKey(GhlFieldKeys.AffiliateId));
        Assert.Equal(["Lead"], map.StageIds.Keys);
        Assert.Equal(
        [
            "The location has no custom field with key 'contact.affiliate_id': create that contact field, or set Ghl:FieldIds:contact.affiliate_id to its id.",
            "The pipeline 'SERP Offers' has no stage named 'Purchase': add it, or set Ghl:StageIds:Purchase to its id.",
        ], map.Problems);
    }

    [Fact]
    public async Task A_missing_pipeline_and_configured_ids_the_location_lacks_are_listed()
    {
        fake.RemovePipeline(FakeGhlApi.SerpOffersPipelineId);
        using var host = fixture.Host(new Dictionary<string, string?> { ["Ghl:FieldIds:contact.total_spent"] = "field-gone" });

        var map = await host.Map.GetAsync(default);

        Assert.Null(map.PipelineId);
        Assert.Empty(map.StageIds);
        Assert.Equal(
        [
            "Ghl:FieldIds:contact.total_spent is 'field-gone', but the location has no custom field with that id.",
            "The location has no pipeline named 'SERP Offers': create it with stages 'Lead' and 'Purchase', or set Ghl:PipelineId to its id.",
        ], map.Problems);
    }

    [Fact]
    public async Task The_mapping_is_cached_until_invalidated()
    {
        using var host = fixture.Host();

        await host.Map.GetAsync(default);
        await host.Map.GetAsync(default);
        Assert.Equal(2, fake.Requests.Count);

        fake.RemoveCustomField(GhlFieldKeys.LicenseKey);
        host.Map.Invalidate();
        var map = await host.Map.GetAsync(default);

        Assert.Equal(4, fake.Requests.Count);
        Assert.False(map.FieldIds.ContainsKey(GhlFieldKeys.LicenseKey));
    }

    [Fact]
    public async Task A_failed_lookup_throws_and_caches_nothing()
    {
        using var host = fixture.Host();
        fake.Fail(FakeGhlFault.ServerError, 1);

        await Assert.ThrowsAsync<GhlApiException>(() => host.Map.GetAsync(default));
        var map = await host.Map.GetAsync(default);

        Assert.Empty(map.Problems);
    }
}
