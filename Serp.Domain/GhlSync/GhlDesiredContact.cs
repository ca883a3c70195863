namespace Serp.Domain.GhlSync;

/// <summary>
/// What one GHL contact must look like, computed from <see cref="GhlCustomerFacts"/> by a pure function. The worker
/// makes GHL match it and stores its <c>Hash()</c>: an unchanged hash means nothing is sent.
/// </summary>
/// <param name="Email">The contact's email (the upsert key).</param>
/// <param name="Fields">Custom field values by field KEY (see <see cref="GhlFieldKeys"/>); an empty string clears a field.</param>
/// <param name="Tags">Tags the contact must carry, sorted ordinal.</param>
/// <param name="RemovedTags">Tags this app manages that the contact must NOT carry (e.g. the purchase- tag after a full refund), sorted.</param>
/// <param name="Opportunity">The contact's opportunity in the "SERP Offers" pipeline, or null when it has none.</param>
/// <param name="WorkflowIds">GHL workflows to enrol the contact in directly (from the catalog's <c>WorkflowId</c>), sorted.</param>
public sealed record GhlDesiredContact(
    string Email,
    string? FirstName,
    string? LastName,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> RemovedTags,
    GhlDesiredOpportunity? Opportunity,
    IReadOnlyList<string> WorkflowIds);

/// <summary>
/// The contact's opportunity: <see cref="GhlStages.Lead"/> / open for an abandoned checkout, <see cref="GhlStages.Purchase"/> / won for
/// a paid order, lost after a full refund. <paramref name="MonetaryValue"/> is in major units of <paramref name="Currency"/>
/// (GHL stores a plain number).
/// </summary>
public sealed record GhlDesiredOpportunity(string Name, string Stage, string Status, decimal MonetaryValue, string? Currency);

/// <summary>The custom field keys the sync writes (defaults; ids in configuration override the lookup by key).</summary>
public static class GhlFieldKeys
{
    public const string LicenseKey = "contact.license_key";
    public const string PurchaseHistory = "contact.purchase_history";
    public const string TotalSpent = "contact.total_spent";
    public const string LastPurchaseDate = "contact.last_purchase_date";
    public const string AffiliateId = "contact.affiliate_id";

    public static readonly IReadOnlyList<string> All = [LicenseKey, PurchaseHistory, TotalSpent, LastPurchaseDate, AffiliateId];
}

/// <summary>The pipeline and stage names the sync resolves through the API (ids in configuration override them).</summary>
public static class GhlStages
{
    public const string Pipeline = "SERP Offers";
    public const string Lead = "Lead";
    public const string Purchase = "Purchase";
}

/// <summary>GHL opportunity statuses.</summary>
public static class GhlOpportunityStatus
{
    public const string Open = "open";
    public const string Won = "won";
    public const string Lost = "lost";
}
