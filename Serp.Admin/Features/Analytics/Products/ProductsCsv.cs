using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Features.Orders;
using Serp.Domain.Audit;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Analytics;

/// <summary>
/// <c>GET /analytics/products.csv</c> (contract): one row per offer and currency of the paid orders created in
/// [from, to), sorted by offer id then currency, amounts in minor units; audited like the orders export.
/// </summary>
public sealed class ProductsCsv(ProductStatsQuery query, IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public const string Header = "offer_id,product_id,currency,orders,gross,refunded,disputes_lost,net";

    /// <summary>The whole file (a row per offer and currency: small at any order count), after its audit entry.</summary>
    public async Task<string> WriteAsync(string actor, DateOnly from, DateOnly to, string? source, CancellationToken ct)
    {
        var rows = await query.LoadAsync(from, to, source, currency: null, offer: null, ct);
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var row in rows)
        {
            OrderExport.Text(csv, row.OfferId).Append(',');
            OrderExport.Text(csv, row.ProductId).Append(',');
            OrderExport.Text(csv, row.Currency).Append(',');
            csv.Append(CultureInfo.InvariantCulture, $"{row.Orders},{row.Gross},{row.Refunded},{row.DisputesLostAmount},{row.Net}\n");
        }
        await AuditAsync(actor, from, to, source, rows.Count, ct);
        return csv.ToString();
    }

    private async Task AuditAsync(string actor, DateOnly from, DateOnly to, string? source, int rows, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = "analytics.products_exported",
            TargetType = "analytics",
            TargetId = null,
            Details = JsonSerializer.SerializeToDocument(new
            {
                from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                to = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                source,
                rows,
            }),
            Outcome = "succeeded",
        });
        await db.SaveChangesAsync(ct);
    }

}
