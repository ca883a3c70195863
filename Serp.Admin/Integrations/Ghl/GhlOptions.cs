using System.ComponentModel.DataAnnotations;

namespace Serp.Admin.Integrations.Ghl;

/// <summary>The <c>Ghl</c> configuration section. <c>BaseUrl</c>, <c>Token</c> and <c>LocationId</c> are contract keys.</summary>
public sealed class GhlOptions
{
    public const string Section = "Ghl";

    public string BaseUrl { get; set; } = "https://services.leadconnectorhq.com";
    /// <summary>A sub-account Private Integration token. Without it (or the location) the sync stays idle.</summary>
    public string? Token { get; set; }
    public string? LocationId { get; set; }

    /// <summary>Requests per rolling 10 seconds for ALL app instances together (GHL allows 100).</summary>
    [Range(1, 10_000)]
    public int RequestsPer10Seconds { get; set; } = 90;

    /// <summary>Requests per UTC day for all instances together (GHL allows 200,000).</summary>
    [Range(1, 10_000_000)]
    public int RequestsPerDay { get; set; } = 190_000;

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Custom field ids by field key (e.g. <c>contact.license_key</c>): overrides the lookup by key.</summary>
    public Dictionary<string, string> FieldIds { get; set; } = [];

    /// <summary>Overrides the lookup of the "SERP Offers" pipeline by name.</summary>
    public string? PipelineId { get; set; }

    /// <summary>Stage ids by stage name ("Lead", "Purchase"): overrides the lookup by name.</summary>
    public Dictionary<string, string> StageIds { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token) && !string.IsNullOrWhiteSpace(LocationId);
}
