using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Serp.Admin.Tests.Fakes.Ghl;

/// <summary>
/// Contacts as GHL keeps them: one per email in the location (the upsert finds it again), tags stored lower-case
/// (as GHL does) and added / removed without touching the others, custom field values by field id (an empty value
/// clears the field), and workflow enrolments. An upsert that carries <c>tags</c> replaces every tag, as GHL's does.
/// </summary>
public sealed partial class FakeGhlApi
{
    private static readonly HashSet<string> UpsertProperties =
    [
        "firstName", "lastName", "name", "email", "locationId", "gender", "phone", "address1", "city", "state", "postalCode",
        "website", "timezone", "dnd", "dndSettings", "inboundDndSettings", "tags", "customFields", "source", "dateOfBirth",
        "country", "companyName", "assignedTo", "createNewIfDuplicateAllowed",
    ];

    private static readonly HashSet<string> TagsProperties = ["tags"];
    private static readonly HashSet<string> EnrolProperties = ["eventStartTime"];

    private readonly Dictionary<string, StoredContact> contacts = new(StringComparer.Ordinal);
    private readonly List<FakeGhlEnrolment> enrolments = [];

    public IReadOnlyList<FakeGhlContact> Contacts
    {
        get
        {
            lock (gate) return [.. contacts.Values.Select(c => c.Snapshot())];
        }
    }

    public FakeGhlContact? ContactByEmail(string email)
    {
        lock (gate) return FindByEmail(email)?.Snapshot();
    }

    public IReadOnlyList<FakeGhlEnrolment> Enrolments
    {
        get
        {
            lock (gate) return [.. enrolments];
        }
    }

    /// <summary>A contact made outside the app (by hand in GHL, say): for drift tests. Returns its id.</summary>
    public string AddContact(string email, string? firstName = null, string? lastName = null,
        IEnumerable<string>? tags = null, IReadOnlyDictionary<string, string>? fieldValuesById = null)
    {
        lock (gate)
        {
            var contact = new StoredContact(NewId(), email, time.GetUtcNow()) { FirstName = firstName, LastName = lastName };
            foreach (var tag in tags ?? []) contact.AddTag(tag);
            foreach (var (id, value) in fieldValuesById ?? new Dictionary<string, string>()) contact.Fields[id] = value;
            contacts[contact.Id] = contact;
            return contact.Id;
        }
    }

    private void MapContacts(WebApplication web)
    {
        web.MapPost("/contacts/upsert", UpsertContactAsync);
        web.MapGet("/contacts/search/duplicate", FindDuplicateAsync);
        web.MapGet("/contacts/{contactId}", (HttpContext context, string contactId) => WithContactAsync(context, contactId,
            contact => WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["contact"] = contact.Json(LocationId) })));
        web.MapPost("/contacts/{contactId}/tags", (HttpContext context, string contactId) => ChangeTagsAsync(context, contactId, add: true));
        web.MapDelete("/contacts/{contactId}/tags", (HttpContext context, string contactId) => ChangeTagsAsync(context, contactId, add: false));
        web.MapPost("/contacts/{contactId}/workflow/{workflowId}", EnrolAsync);
    }

    private Task UpsertContactAsync(HttpContext context)
    {
        if (!TryParse(context, UpsertProperties, out var body, out var error)) return error;
        if (LocationProblem(context, body["locationId"]) is { } locationError) return locationError;
        if (body["email"] is not JsonValue emailValue || !emailValue.TryGetValue<string>(out var email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return BadRequestAsync(context, "email must be an email");
        }
        foreach (var name in (string[])["firstName", "lastName", "name"])
        {
            if (body[name] is { } value && !IsString(value)) return BadRequestAsync(context, $"{name} must be a string");
        }
        if (body["tags"] is { } tags && !IsStringArray(tags)) return BadRequestAsync(context, "tags must be an array of strings");

        var values = new List<(string Id, string Value)>();
        if (body["customFields"] is { } fields)
        {
            if (fields is not JsonArray list) return BadRequestAsync(context, "customFields must be an array");
            foreach (var field in list)
            {
                if (field is not JsonObject item || !IsString(item["id"]) || !item.ContainsKey("field_value"))
                {
                    return BadRequestAsync(context, "each value of customFields must be an object with id and field_value");
                }
                var id = item["id"]!.GetValue<string>();
                lock (gate)
                {
                    if (!customFields.Any(f => f.Id == id)) return BadRequestAsync(context, $"customFields: no custom field with id {id}");
                }
                values.Add((id, item["field_value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : item["field_value"]?.ToJsonString() ?? ""));
            }
        }

        JsonObject answer;
        lock (gate)
        {
            var contact = FindByEmail(email);
            var isNew = contact is null;
            contact ??= new StoredContact(NewId(), email, time.GetUtcNow());
            contacts[contact.Id] = contact;
            if (body["firstName"] is { } first) contact.FirstName = first.GetValue<string>();
            if (body["lastName"] is { } last) contact.LastName = last.GetValue<string>();
            foreach (var (id, value) in values)
            {
                if (value.Length == 0) contact.Fields.Remove(id);
                else contact.Fields[id] = value;
            }
            if (body["tags"] is JsonArray replacing)
            {
                contact.Tags.Clear();
                foreach (var tag in replacing) contact.AddTag(tag!.GetValue<string>());
            }
            contact.Updated = time.GetUtcNow();
            answer = new JsonObject { ["new"] = isNew, ["contact"] = contact.Json(LocationId) };
        }
        return WriteJsonAsync(context, StatusCodes.Status200OK, answer);
    }

    private Task FindDuplicateAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (string.IsNullOrEmpty(query["locationId"])) return BadRequestAsync(context, "locationId must be a string");
        if (LocationProblem(context, query["locationId"].ToString()) is { } locationError) return locationError;
        JsonNode? contact;
        lock (gate) contact = FindByEmail(query["email"].ToString())?.Json(LocationId);
        return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["contact"] = contact });
    }

    private Task ChangeTagsAsync(HttpContext context, string contactId, bool add)
    {
        if (!TryParse(context, TagsProperties, out var body, out var error)) return error;
        if (body["tags"] is not { } tags || !IsStringArray(tags)) return BadRequestAsync(context, "tags must be an array of strings");
        return WithContactAsync(context, contactId, contact =>
        {
            JsonArray all;
            lock (gate)
            {
                foreach (var tag in tags.AsArray()) contact.ChangeTag(tag!.GetValue<string>(), add);
                contact.Updated = time.GetUtcNow();
                all = new JsonArray([.. contact.Tags.Select(t => (JsonNode)t)]);
            }
            return WriteJsonAsync(context, add ? StatusCodes.Status201Created : StatusCodes.Status200OK, new JsonObject { ["tags"] = all });
        });
    }

    private Task EnrolAsync(HttpContext context, string contactId, string workflowId)
    {
        if (BodyOf(context).Length > 0 && !TryParse(context, EnrolProperties, out _, out var error)) return error;
        return WithContactAsync(context, contactId, contact =>
        {
            lock (gate)
            {
                if (!workflows.Any(w => w.Id == workflowId)) return WriteErrorAsync(context, StatusCodes.Status404NotFound, "Workflow not found", "Not Found");
                enrolments.Add(new FakeGhlEnrolment(contact.Id, workflowId, time.GetUtcNow()));
            }
            return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["succeded"] = true });
        });
    }

    private Task WithContactAsync(HttpContext context, string contactId, Func<StoredContact, Task> found)
    {
        StoredContact? contact;
        lock (gate) contact = contacts.GetValueOrDefault(contactId);
        return contact is null ? WriteErrorAsync(context, StatusCodes.Status404NotFound, "Contact not found", "Not Found") : found(contact);
    }

    private StoredContact? FindByEmail(string email) =>
        contacts.Values.FirstOrDefault(c => string.Equals(c.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));

    private sealed class StoredContact(string id, string email, DateTimeOffset added)
    {
        public string Id { get; } = id;
        public string Email { get; } = email.Trim();
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public List<string> Tags { get; } = [];
        public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset Updated { get; set; } = added;

        public void AddTag(string tag) => ChangeTag(tag, add: true);

        public void ChangeTag(string tag, bool add)
        {
            var normalized = tag.Trim().ToLowerInvariant();
            Tags.Remove(normalized);
            if (add && normalized.Length > 0) Tags.Add(normalized);
        }

        public FakeGhlContact Snapshot() => new(Id, Email, FirstName, LastName, [.. Tags], new Dictionary<string, string>(Fields));

        public JsonObject Json(string locationId)
        {
            var name = string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrEmpty(n)));
            var json = new JsonObject
            {
                ["id"] = Id,
                ["locationId"] = locationId,
                ["email"] = Email,
                ["emailLowerCase"] = Email.ToLowerInvariant(),
                ["type"] = "lead",
                ["source"] = "public api",
                ["tags"] = new JsonArray([.. Tags.Select(t => (JsonNode)t)]),
                ["customFields"] = new JsonArray([.. Fields.Select(f => (JsonNode)new JsonObject { ["id"] = f.Key, ["value"] = f.Value })]),
                ["dateAdded"] = Updated.ToString("O"),
                ["dateUpdated"] = Updated.ToString("O"),
            };
            if (name.Length > 0) json["name"] = name;
            if (FirstName is not null) json["firstName"] = FirstName;
            if (LastName is not null) json["lastName"] = LastName;
            return json;
        }
    }
}

/// <summary>A contact as the fake holds it: tags lower-case, custom field values by field id.</summary>
public sealed record FakeGhlContact(string Id, string Email, string? FirstName, string? LastName, IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> CustomFields);

/// <summary>A direct workflow enrolment (<c>POST /contacts/{contactId}/workflow/{workflowId}</c>).</summary>
public sealed record FakeGhlEnrolment(string ContactId, string WorkflowId, DateTimeOffset At);
