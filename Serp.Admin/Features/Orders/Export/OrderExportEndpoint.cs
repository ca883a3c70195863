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
        HttpContext http, OrderExport export, OrderExportProgress progress, TimeProvider time, ILoggerFactory loggers)
    {
        // The page's button names its export so that it can show the rows written while the browser saves the file.
        Guid? exportId = Guid.TryParse(http.Request.Query["export_id"], out var id) ? id : null;
        if (!OrderFilter.TryParse(http.Request.Query, out var filter, out var error))
        {
            if (exportId is { } refused) progress.Report(refused, 0, ExportStage.Failed, error);
            return TypedResults.Text(error!, "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }
        // from/to are days of the operator's zone; the page's button sends it, a bare link means UTC.
        filter = filter with { Zone = OperatorTimeZone.FromIana(http.Request.Query["tz"]).Zone };
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), filter.Zone).DateTime);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"orders-{today:yyyy-MM-dd}.csv\"";

        var actor = StaffIdentity.Actor(http.User);
        var ct = http.RequestAborted;
        long rows = 0;
        var stage = ExportStage.Failed;
        if (exportId is { } started) progress.Report(started, 0, ExportStage.Writing);
        try
        {
            rows = await export.WriteCsvAsync(filter, http.Response.Body, ct, written =>
            {
                rows = written;
                if (exportId is { } running) progress.Report(running, written, ExportStage.Writing);
            });
            stage = ExportStage.Done;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away mid-download: record the attempt, there is no one left to answer.
            await export.AuditAsync(actor, filter, rows, "failed", CancellationToken.None);
            return TypedResults.Empty;
        }
        finally
        {
            // Whatever ended the export (a database error too), the button stops waiting.
            if (exportId is { } ended) progress.Report(ended, rows, stage);
        }
        await export.AuditAsync(actor, filter, rows, "succeeded", CancellationToken.None);
        loggers.CreateLogger(typeof(OrderExportEndpoint)).LogInformation("Exported {Rows} orders as CSV", rows);
        return TypedResults.Empty;
    }
}
