using Serp.Admin.Integrations.Ghl;

namespace Serp.Admin.Tests.Fakes;

/// <summary>An <see cref="IGhlApi"/> and location map for tests that only read GHL: contacts and a mapping; nothing written.</summary>
internal sealed class StubGhlApi : IGhlApi, IGhlLocationMap
{
    public bool IsConfigured { get; set; } = true;
    public List<GhlContact> Contacts { get; } = [];
    public GhlLocationMapping Mapping { get; set; } = new(new Dictionary<string, string>(), null, new Dictionary<string, string>(), []);

    public Task<GhlContact?> GetContactAsync(string contactId, GhlCallLog? log, CancellationToken ct) =>
        Task.FromResult(Contacts.FirstOrDefault(c => c.Id == contactId));

    public Task<GhlContact?> FindContactByEmailAsync(string email, GhlCallLog? log, CancellationToken ct) =>
        Task.FromResult(Contacts.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)));

    public Task<GhlLocationMapping> GetAsync(CancellationToken ct) => Task.FromResult(Mapping);

    public void Invalidate()
    {
    }

    public Task<IReadOnlyList<GhlCustomField>> ListCustomFieldsAsync(GhlCallLog? log, CancellationToken ct) => Task.FromResult<IReadOnlyList<GhlCustomField>>([]);
    public Task<IReadOnlyList<GhlPipeline>> ListPipelinesAsync(GhlCallLog? log, CancellationToken ct) => Task.FromResult<IReadOnlyList<GhlPipeline>>([]);
    public Task<IReadOnlyList<GhlWorkflow>> ListWorkflowsAsync(GhlCallLog? log, CancellationToken ct) => Task.FromResult<IReadOnlyList<GhlWorkflow>>([]);
    public Task<IReadOnlyList<GhlOpportunity>> SearchOpportunitiesAsync(string contactId, string pipelineId, GhlCallLog? log, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<GhlOpportunity>>([]);

    public Task<GhlContact> UpsertContactAsync(GhlContactUpsert contact, GhlCallLog? log, CancellationToken ct) => throw Writes();
    public Task AddTagsAsync(string contactId, IReadOnlyCollection<string> tags, GhlCallLog? log, CancellationToken ct) => throw Writes();
    public Task RemoveTagsAsync(string contactId, IReadOnlyCollection<string> tags, GhlCallLog? log, CancellationToken ct) => throw Writes();
    public Task<GhlOpportunity> UpsertOpportunityAsync(GhlOpportunityUpsert opportunity, GhlCallLog? log, CancellationToken ct) => throw Writes();
    public Task AddToWorkflowAsync(string contactId, string workflowId, GhlCallLog? log, CancellationToken ct) => throw Writes();

    private static InvalidOperationException Writes() => new("The page's checks only read from GHL.");
}
