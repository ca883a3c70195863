using Microsoft.AspNetCore.Http.HttpResults;
using Serp.Admin.Auth;
using Serp.Admin.Components.Shared;

namespace Serp.Admin.Features.Orders;

/// <summary><c>GET /orders/export.csv</c> (contract): the /orders filter, same parameters, any staff role.</summary>
public static class OrderExportEndpoint
{
    public static IEndpointRouteBuilder MapOrderExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/export.csv", ExportAsync).RequireAuthorization(Policies.Viewer);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ContentHttpResult>> ExportAsync(
        HttpContext http, OrderExport export, TimeProvider time, ILoggerFactory loggers)
    {
        if (!OrderFilter.TryParse(http.Request.Query, out var filter, out var error)) return TypedResults.Text(error!, "text/plain", statusCode: StatusCodes.Status400BadRequest);
        // from/to are days of the operator's zone; the page's button sends it, a bare link means UTC.
        filter = filter with { Zone = OperatorTimeZone.FromIana(http.Request.Query["tz"]).Zone };
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), filter.Zone).DateTime);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"orders-{today:yyyy-MM-dd}.csv\"";

        var actor = StaffIdentity.Actor(http.User);
        var ct = http.RequestAborted;
        long rows = 0;
        try
        {
            rows = await export.WriteCsvAsync(filter, http.Response.Body, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away mid-download: record the attempt, there is no one left to answer.
            await export.AuditAsync(actor, filter, rows, "failed", CancellationToken.None);
            return TypedResults.Empty;
        }
        await export.AuditAsync(actor, filter, rows, "succeeded", CancellationToken.None);
        loggers.CreateLogger(typeof(OrderExportEndpoint)).LogInformation("Exported {Rows} orders as CSV", rows);
        return TypedResults.Empty;
    }
}
