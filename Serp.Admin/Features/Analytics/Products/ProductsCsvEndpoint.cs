using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Serp.Admin.Auth;
using Serp.Domain.Orders;

namespace Serp.Admin.Features.Analytics;

/// <summary><c>GET /analytics/products.csv?from=YYYY-MM-DD&amp;to=YYYY-MM-DD[&amp;source=stripe|paypal]</c> (contract).</summary>
public static class ProductsCsvEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/analytics/products.csv", ExportAsync).RequireAuthorization(Policies.Viewer);

    private static async Task<ContentHttpResult> ExportAsync(HttpContext http, ProductsCsv csv,
        ILoggerFactory loggers)
    {
        var query = http.Request.Query;
        var errors = new List<string>();
        var from = Required(query["from"], "from", errors);
        var to = Required(query["to"], "to", errors);
        if (from is not null && to is not null && to <= from) errors.Add("to must be after from (to is exclusive)");
        string? source = query["source"].ToString() is { Length: > 0 } s ? s : null;
        if (source is not null && source is not (PaymentSource.Stripe or PaymentSource.PayPal))
            errors.Add($"source \"{source}\" is not stripe or paypal");
        if (errors.Count > 0)
        {
            return TypedResults.Text(string.Join("; ", errors), "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        var body = await csv.WriteAsync(StaffIdentity.Actor(http.User), from!.Value, to!.Value, source, http.RequestAborted);
        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"products-{from.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{to.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv\"";
        loggers.CreateLogger(typeof(ProductsCsvEndpoint)).LogInformation("Exported product analytics as CSV");
        return TypedResults.Text(body, "text/csv; charset=utf-8");
    }

    private static DateOnly? Required(string? raw, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            errors.Add($"{name} is required (YYYY-MM-DD, UTC)");
            return null;
        }
        return AnalyticsFilter.Date(raw.Trim(), name, errors);
    }
}
