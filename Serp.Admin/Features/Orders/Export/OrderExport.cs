using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Domain.Audit;
using Serp.Domain.Data;

namespace Serp.Admin.Features.Orders;

/// <summary>
/// The filtered orders as CSV, streamed: rows go from the data reader through a small buffer to the stream, so
/// memory stays flat at a million rows. Amounts in minor units, times ISO 8601 UTC, RFC 4180 quoting, and text that a
/// spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe.
/// </summary>
public sealed class OrderExport(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public const string Header =
        "id,created_at,customer_email,customer_name,offer_id,amount_total,currency,amount_refunded,payment_status,source," +
        "lander_id,affiliate_id,payment_method,paid_at";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private sealed record ExportRow(Guid Id, DateTimeOffset CreatedAt, string? Email, string? Name, string? OfferId,
        long AmountTotal, string Currency, long AmountRefunded, string PaymentStatus, string Source, string? LanderId,
        string? AffiliateId, string? PaymentMethod, DateTimeOffset? PaidAt);

    /// <summary>How many rows pass between two progress reports.</summary>
    public const int ProgressEvery = 2_000;

    /// <summary>
    /// Writes the header and every matching order in the filter's sort order; returns the number of rows.
    /// <paramref name="progress"/> hears the rows written every <see cref="ProgressEvery"/> rows.
    /// </summary>
    public async Task<long> WriteCsvAsync(OrderFilter filter, Stream output, CancellationToken ct, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // An export may outlast the default command timeout; the client's disconnect cancels it instead.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var rows = OrderQueries.Sorted(db.Orders.AsNoTracking(), filter)
            .Select(o => new ExportRow(o.Id, o.CreatedAt, o.CustomerEmail, o.CustomerName, o.OfferId, o.AmountTotal,
                o.Currency, o.AmountRefunded, o.PaymentStatus, o.Source, o.LanderId, o.AffiliateId, o.PaymentMethod, o.PaidAt))
            .AsAsyncEnumerable();

        await using var writer = new StreamWriter(output, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Header + "\n");
        var line = new StringBuilder(256);
        long count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            line.Clear();
            line.Append(row.Id.ToString("D")).Append(',').Append(Time(row.CreatedAt)).Append(',');
            Text(line, row.Email).Append(',');
            Text(line, row.Name).Append(',');
            Text(line, row.OfferId).Append(',');
            line.Append(row.AmountTotal.ToString(CultureInfo.InvariantCulture)).Append(',');
            Text(line, row.Currency).Append(',');
            line.Append(row.AmountRefunded.ToString(CultureInfo.InvariantCulture)).Append(',');
            Text(line, row.PaymentStatus).Append(',');
            Text(line, row.Source).Append(',');
            Text(line, row.LanderId).Append(',');
            Text(line, row.AffiliateId).Append(',');
            Text(line, row.PaymentMethod).Append(',');
            line.Append(row.PaidAt is { } paid ? Time(paid) : "").Append('\n');
            await writer.WriteAsync(line, ct);
            if (++count % ProgressEvery == 0) progress?.Invoke(count);
        }
        await writer.FlushAsync(ct);
        return count;
    }

    /// <summary>One <c>orders.exported</c> audit entry: the filter as a query string and the rows written.</summary>
    public async Task AuditAsync(string actor, OrderFilter filter, long rows, string outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = "orders.exported",
            TargetType = "orders",
            TargetId = null,
            Details = JsonSerializer.SerializeToDocument(new { filter = filter.ToQueryString(), time_zone = filter.Zone.Id, rows }),
            Outcome = outcome,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Appends one CSV field: defused against formula injection, quoted when it holds a separator.</summary>
    public static StringBuilder Text(StringBuilder line, string? value)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (string.IsNullOrEmpty(value)) return line;
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0) return line.Append(value);
        return line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
}
