using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Tests.Fakes.Ghl;

/// <summary>
/// The location's custom fields, pipelines, workflows and opportunities (one per contact and pipeline for the upsert),
/// the seed, and the body checks the endpoints share. Seeded with the five contact fields of <see cref="GhlFieldKeys"/>,
/// the "SERP Offers" pipeline (Lead, Purchase), a "Sales" pipeline that also has a "Lead" stage, a custom field the app
/// does not use, and one workflow.
/// </summary>
public sealed partial class FakeGhlApi
{
    public const string SerpOffersPipelineId = "pipeline-serp-offers";
    public const string LeadStageId = "stage-serp-lead";
    public const string PurchaseStageId = "stage-serp-purchase";
    public const string WelcomeWorkflowId = "workflow-new-purchase-welcome";

    private static readonly HashSet<string> OpportunityUpsertProperties =
    [
        "id", "pipelineId", "locationId", "contactId", "followers", "isRemoveAllFollowers", "followersActionType", "name", "status",
        "pipelineStageId", "monetaryValue", "assignedTo", "lostReasonId",
    ];

    private static readonly HashSet<string> OpportunityStatuses = ["open", "won", "lost", "abandoned"];

    private readonly List<GhlFieldRow> customFields = [];
    private readonly List<FakeGhlPipeline> pipelines = [];
    private readonly List<FakeGhlWorkflow> workflows = [];
    private readonly Dictionary<string, FakeGhlOpportunity> opportunities = new(StringComparer.Ordinal);
    private long sequence;

    /// <summary>The id the seed gives the custom field with <paramref name="fieldKey"/> (e.g. <c>contact.license_key</c>).</summary>
    public static string SeededFieldId(string fieldKey) => "field-" + fieldKey.Replace("contact.", "", StringComparison.Ordinal).Replace('_', '-');

    public IReadOnlyList<FakeGhlOpportunity> Opportunities
    {
        get
        {
            lock (gate) return [.. opportunities.Values];
        }
    }

    /// <summary>Adds a contact custom field; returns its id.</summary>
    public string AddCustomField(string fieldKey, string? name = null, string dataType = "TEXT", string? id = null)
    {
        lock (gate)
        {
            var row = new GhlFieldRow(id ?? NewId(), name ?? fieldKey, fieldKey, dataType);
            customFields.Add(row);
            return row.Id;
        }
    }

    public void RemoveCustomField(string fieldKey)
    {
        lock (gate) customFields.RemoveAll(f => f.FieldKey == fieldKey);
    }

    /// <summary>Adds a pipeline with stages in this order; returns it (stage ids are new).</summary>
    public FakeGhlPipeline AddPipeline(string name, params string[] stageNames)
    {
        lock (gate)
        {
            var pipeline = new FakeGhlPipeline(NewId(), name, [.. stageNames.Select(s => new FakeGhlStage(NewId(), s))]);
            pipelines.Add(pipeline);
            return pipeline;
        }
    }

    public void RemovePipeline(string pipelineId)
    {
        lock (gate) pipelines.RemoveAll(p => p.Id == pipelineId);
    }

    /// <summary>Removes the stage named <paramref name="stageName"/> from the pipeline.</summary>
    public void RemoveStage(string pipelineId, string stageName)
    {
        lock (gate)
        {
            var index = pipelines.FindIndex(p => p.Id == pipelineId);
            pipelines[index] = pipelines[index] with { Stages = [.. pipelines[index].Stages.Where(s => s.Name != stageName)] };
        }
    }

    /// <summary>Adds a workflow; returns its id.</summary>
    public string AddWorkflow(string name, string status = "published")
    {
        lock (gate)
        {
            var workflow = new FakeGhlWorkflow(NewId(), name, status);
            workflows.Add(workflow);
            return workflow.Id;
        }
    }

    private void Seed()
    {
        lock (gate)
        {
            customFields.AddRange(GhlFieldKeys.All.Select(key =>
                new GhlFieldRow(SeededFieldId(key), key.Replace("contact.", "", StringComparison.Ordinal).Replace('_', ' '), key,
                    key == GhlFieldKeys.LastPurchaseDate ? "DATE" : key == GhlFieldKeys.PurchaseHistory ? "LARGE_TEXT" : "TEXT")));
            customFields.Add(new GhlFieldRow("field-pincode", "Pin code", "contact.pincode", "TEXT"));
            pipelines.Add(new FakeGhlPipeline("pipeline-sales", "Sales", [new("stage-sales-lead", "Lead"), new("stage-sales-won", "Won")]));
            pipelines.Add(new FakeGhlPipeline(SerpOffersPipelineId, GhlStages.Pipeline,
                [new(LeadStageId, GhlStages.Lead), new(PurchaseStageId, GhlStages.Purchase)]));
            workflows.Add(new FakeGhlWorkflow(WelcomeWorkflowId, "New Purchase WELCOME Flow", "published"));
        }
    }

    private void ResetData()
    {
        contacts.Clear();
        enrolments.Clear();
        customFields.Clear();
        pipelines.Clear();
        workflows.Clear();
        opportunities.Clear();
    }

    private void MapLocation(WebApplication web)
    {
        web.MapGet("/locations/{locationId}/customFields", (HttpContext context, string locationId) =>
        {
            if (LocationProblem(context, locationId) is { } error) return error;
            JsonArray fields;
            lock (gate)
            {
                fields = new JsonArray([.. customFields.Select((f, position) => (JsonNode)new JsonObject
                {
                    ["id"] = f.Id, ["name"] = f.Name, ["fieldKey"] = f.FieldKey, ["placeholder"] = "", ["dataType"] = f.DataType,
                    ["position"] = position * 50, ["locationId"] = LocationId, ["model"] = "contact",
                })]);
            }
            return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["customFields"] = fields });
        });
        web.MapGet("/opportunities/pipelines", context =>
        {
            if (RequiredQuery(context, "locationId") is { } error) return error;
            JsonArray list;
            lock (gate)
            {
                list = new JsonArray([.. pipelines.Select(p => (JsonNode)new JsonObject
                {
                    ["id"] = p.Id, ["name"] = p.Name, ["locationId"] = LocationId, ["showInFunnel"] = true, ["showInPieChart"] = true,
                    ["stages"] = new JsonArray([.. p.Stages.Select((s, i) => (JsonNode)new JsonObject { ["id"] = s.Id, ["name"] = s.Name, ["position"] = i })]),
                })]);
            }
            return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["pipelines"] = list });
        });
        web.MapGet("/workflows/", context =>
        {
            if (RequiredQuery(context, "locationId") is { } error) return error;
            JsonArray list;
            lock (gate)
            {
                list = new JsonArray([.. workflows.Select(w => (JsonNode)new JsonObject
                {
                    ["id"] = w.Id, ["name"] = w.Name, ["status"] = w.Status, ["version"] = 1, ["locationId"] = LocationId,
                    ["createdAt"] = "2026-01-05T10:00:00.000Z", ["updatedAt"] = "2026-01-05T10:00:00.000Z",
                })]);
            }
            return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["workflows"] = list });
        });
        web.MapGet("/opportunities/search", SearchOpportunitiesAsync);
        web.MapPost("/opportunities/upsert", UpsertOpportunityAsync);
    }

    private Task SearchOpportunitiesAsync(HttpContext context)
    {
        if (RequiredQuery(context, "location_id") is { } error) return error;
        var query = context.Request.Query;
        List<FakeGhlOpportunity> found;
        lock (gate)
        {
            found = [.. opportunities.Values.Where(o =>
                (string.IsNullOrEmpty(query["contact_id"]) || o.ContactId == query["contact_id"])
                && (string.IsNullOrEmpty(query["pipeline_id"]) || o.PipelineId == query["pipeline_id"]))];
        }
        return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["opportunities"] = new JsonArray([.. found.Select(o => (JsonNode)OpportunityJson(o))]),
            ["meta"] = new JsonObject { ["total"] = found.Count, ["currentPage"] = 1 },
            ["aggregations"] = new JsonObject(),
        });
    }

    private Task UpsertOpportunityAsync(HttpContext context)
    {
        if (!TryParse(context, OpportunityUpsertProperties, out var body, out var error)) return error;
        if (LocationProblem(context, body["locationId"]) is { } locationError) return locationError;
        foreach (var required in (string[])["pipelineId", "contactId"])
        {
            if (!IsString(body[required])) return BadRequestAsync(context, $"{required} must be a string");
        }
        foreach (var optional in (string[])["name", "status", "pipelineStageId", "id"])
        {
            if (body[optional] is { } text && !IsString(text)) return BadRequestAsync(context, $"{optional} must be a string");
        }
        var status = body["status"]?.GetValue<string>();
        if (status is not null && !OpportunityStatuses.Contains(status)) return BadRequestAsync(context, "status must be one of open, won, lost, abandoned");
        decimal? value = null;
        if (body["monetaryValue"] is { } money)
        {
            if (money.GetValueKind() != JsonValueKind.Number) return BadRequestAsync(context, "monetaryValue must be a number");
            value = money.GetValue<decimal>();
        }

        var pipelineId = body["pipelineId"]!.GetValue<string>();
        var contactId = body["contactId"]!.GetValue<string>();
        var stageId = body["pipelineStageId"]?.GetValue<string>();
        JsonObject answer;
        lock (gate)
        {
            var pipeline = pipelines.FirstOrDefault(p => p.Id == pipelineId);
            if (pipeline is null) return BadRequestAsync(context, "Pipeline not found");
            if (stageId is not null && !pipeline.Stages.Any(s => s.Id == stageId)) return BadRequestAsync(context, "Pipeline stage not found");
            if (!contacts.ContainsKey(contactId)) return BadRequestAsync(context, "Contact not found");

            var existing = opportunities.Values.FirstOrDefault(o => o.ContactId == contactId && o.PipelineId == pipelineId);
            var now = time.GetUtcNow();
            var updated = existing is null
                ? new FakeGhlOpportunity(NewId(), body["name"]?.GetValue<string>() ?? "", pipelineId, stageId ?? pipeline.Stages[0].Id,
                    contactId, status ?? "open", value ?? 0, now)
                : existing with
                {
                    Name = body["name"]?.GetValue<string>() ?? existing.Name,
                    PipelineStageId = stageId ?? existing.PipelineStageId,
                    Status = status ?? existing.Status,
                    MonetaryValue = value ?? existing.MonetaryValue,
                    UpdatedAt = now,
                };
            opportunities[updated.Id] = updated;
            answer = new JsonObject { ["opportunity"] = OpportunityJson(updated), ["new"] = existing is null };
        }
        return WriteJsonAsync(context, StatusCodes.Status200OK, answer);
    }

    private static JsonObject OpportunityJson(FakeGhlOpportunity o) => new()
    {
        ["id"] = o.Id, ["name"] = o.Name, ["monetaryValue"] = o.MonetaryValue, ["pipelineId"] = o.PipelineId,
        ["pipelineStageId"] = o.PipelineStageId, ["status"] = o.Status, ["source"] = "", ["contactId"] = o.ContactId,
        ["locationId"] = LocationId, ["createdAt"] = o.UpdatedAt.ToString("O"), ["updatedAt"] = o.UpdatedAt.ToString("O"),
    };

    /// <summary>Parses the body as an object that has only <paramref name="allowed"/> properties (GHL forbids others).</summary>
    private static bool TryParse(HttpContext context, HashSet<string> allowed, [NotNullWhen(true)] out JsonObject? body, out Task error)
    {
        body = null;
        error = Task.CompletedTask;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(BodyOf(context));
        }
        catch (JsonException ex)
        {
            error = WriteErrorAsync(context, StatusCodes.Status400BadRequest, "Unexpected token in JSON: " + ex.Message, "Bad Request");
            return false;
        }
        if (node is not JsonObject obj)
        {
            error = BadRequestAsync(context, "the body must be a JSON object");
            return false;
        }
        if (obj.Select(p => p.Key).FirstOrDefault(k => !allowed.Contains(k)) is { } unknown)
        {
            error = BadRequestAsync(context, $"property {unknown} should not exist");
            return false;
        }
        body = obj;
        return true;
    }

    /// <summary>400 with the list of validation messages, as GHL's validation answers.</summary>
    private static Task BadRequestAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject
        {
            ["statusCode"] = 400, ["message"] = new JsonArray(message), ["error"] = "Bad Request",
        }.ToJsonString());
    }

    private static Task? RequiredQuery(HttpContext context, string name) =>
        string.IsNullOrEmpty(context.Request.Query[name]) ? BadRequestAsync(context, $"{name} must be a string")
            : LocationProblem(context, context.Request.Query[name].ToString());

    /// <summary>A private integration token belongs to one location: another one is 403, a missing one 400.</summary>
    private static Task? LocationProblem(HttpContext context, JsonNode? locationId) =>
        IsString(locationId) ? LocationProblem(context, locationId!.GetValue<string>()) : BadRequestAsync(context, "locationId must be a string");

    private static Task? LocationProblem(HttpContext context, string locationId) =>
        locationId == LocationId ? null
            : WriteErrorAsync(context, StatusCodes.Status403Forbidden, "The token does not have access to this location.", "Forbidden");

    private static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    private static bool IsStringArray(JsonNode node) => node is JsonArray array && array.All(IsString);

    private string NewId() => "fk" + Interlocked.Increment(ref sequence).ToString("D18", CultureInfo.InvariantCulture);

    private sealed record GhlFieldRow(string Id, string Name, string FieldKey, string DataType);
}

public sealed record FakeGhlPipeline(string Id, string Name, IReadOnlyList<FakeGhlStage> Stages);

public sealed record FakeGhlStage(string Id, string Name);

public sealed record FakeGhlWorkflow(string Id, string Name, string Status);

public sealed record FakeGhlOpportunity(string Id, string Name, string PipelineId, string PipelineStageId, string ContactId, string Status,
    decimal MonetaryValue, DateTimeOffset UpdatedAt);
