using Microsoft.EntityFrameworkCore;
using Serp.Admin.Integrations.Ghl;
using Serp.Domain.Catalog;
using Serp.Domain.Customers;
using Serp.Domain.Data;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Drift;

/// <summary>One line of the side-by-side view: what the database says the contact must hold and what GHL holds.</summary>
public sealed record GhlDriftLine(string Kind, string Name, string? Expected, string? Actual, bool Differs);

/// <summary>
/// A customer's contact compared with the desired state. <see cref="Verdict"/> says in words when no comparison was
/// possible (not configured, no such customer, demo customer, no contact in GHL).
/// </summary>
public sealed record GhlDriftReport(
    string Email, string? ContactId, IReadOnlyList<GhlDriftLine> Lines, IReadOnlyList<string> Problems, IReadOnlyList<GhlCall> Calls,
    string? Verdict = null)
{
    public int Differences => Lines.Count(l => l.Differs);
    public bool Drifted => Differences > 0 || (Verdict is null && ContactId is null);
}

/// <summary>
/// The drift check: reads the contact from GHL (by the stored contact id, else by email) through <see cref="IGhlApi"/>
/// and compares it with <see cref="GhlDesiredState.Build"/> over the customer's facts: name, every custom field by
/// key (through the location map), the tags that must be there and the managed tags that must not. Reads only.
/// </summary>
public sealed class GhlDriftCheck(IGhlApi api, IGhlLocationMap map, OfferCatalog catalog, IDbContextFactory<SerpDbContext> dbFactory)
{
    public async Task<GhlDriftReport> CheckAsync(string email, CancellationToken ct)
    {
        var key = CustomerEmail.Key(email);
        var log = new GhlCallLog();
        if (!api.IsConfigured) return new GhlDriftReport(key, null, [], [], [], "The GHL sync is not configured: there is no contact to read.");

        GhlCustomerFacts? facts;
        string? storedContactId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            facts = await GhlCustomerFactsLoader.LoadAsync(db, key, ct);
            storedContactId = await db.GhlSync.AsNoTracking().Where(s => s.Email == key).Select(s => s.GhlContactId).SingleOrDefaultAsync(ct);
        }
        if (facts is null) return new GhlDriftReport(key, null, [], [], [], "No order or checkout has this email: there is nothing to compare.");
        if (facts.IsDemo) return new GhlDriftReport(key, null, [], [], [], "A demo customer: never sent to GHL, so nothing to compare.");

        var desired = GhlDesiredState.Build(facts, catalog);
        var mapping = await map.GetAsync(ct);
        var contact = (storedContactId is null ? null : await api.GetContactAsync(storedContactId, log, ct))
            ?? await api.FindContactByEmailAsync(key, log, ct);
        return new GhlDriftReport(key, contact?.Id, Compare(desired, contact, mapping), mapping.Problems, log.Calls);
    }

    /// <summary>The side-by-side lines; pure. A missing contact makes every expected value a difference.</summary>
    public static IReadOnlyList<GhlDriftLine> Compare(GhlDesiredContact desired, GhlContact? contact, GhlLocationMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(mapping);
        var lines = new List<GhlDriftLine>();
        // The sync sends a name only when the orders have one; a name typed into GHL is then left alone.
        if (desired.FirstName is not null) lines.Add(Text("Name", "First name", desired.FirstName, contact?.FirstName));
        if (desired.LastName is not null) lines.Add(Text("Name", "Last name", desired.LastName, contact?.LastName));
        foreach (var (fieldKey, expected) in desired.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var actual = mapping.FieldIds.TryGetValue(fieldKey, out var id) ? contact?.CustomFields.FirstOrDefault(f => f.Id == id)?.Value : null;
            lines.Add(Text("Field", fieldKey, expected, actual));
        }
        // GHL keeps tags in lower case: compare without case.
        var tags = new HashSet<string>(contact?.Tags ?? [], StringComparer.OrdinalIgnoreCase);
        foreach (var tag in desired.Tags)
        {
            lines.Add(new GhlDriftLine("Tag", tag, "present", tags.Contains(tag) ? "present" : "absent", !tags.Contains(tag)));
        }
        foreach (var tag in desired.RemovedTags)
        {
            lines.Add(new GhlDriftLine("Tag", tag, "absent", tags.Contains(tag) ? "present" : "absent", tags.Contains(tag)));
        }
        return lines;
    }

    // An empty value and a missing one are the same to GHL (an empty string clears a field).
    private static GhlDriftLine Text(string kind, string name, string? expected, string? actual) =>
        new(kind, name, expected, actual, !string.Equals(Blank(expected), Blank(actual), StringComparison.Ordinal));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
