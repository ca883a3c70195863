using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Disputes;
using Serp.Domain.Money;

namespace Serp.Admin.Features.Refunds;

public sealed record RecentRefundRow(Guid? OrderId, string ProviderRefundId, Money Amount, string Status, string? Reason, string? Note,
    string? RequestedBy, DateTimeOffset CreatedAt, string? CustomerEmail);

public sealed record DisputeRow(Guid? OrderId, string Source, string ProviderDisputeId, Money Amount, string Status, string? Reason,
    DateTimeOffset? EvidenceDueBy, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, string? CustomerEmail);

/// <summary>
/// What the /refunds desk lists, each a short index walk however many orders there are: recent refunds by
/// <c>refunds.created_at</c>, open disputes by <c>(status, evidence_due_by)</c>, orders by primary key.
/// </summary>
public sealed class RefundDeskQueries(IDbContextFactory<SerpDbContext> dbFactory)
{
    private static readonly string[] OpenStatuses =
        [DisputeStatus.NeedsResponse, DisputeStatus.WarningNeedsResponse, DisputeStatus.UnderReview, DisputeStatus.WarningUnderReview];

    private static readonly string[] ClosedStatuses = [DisputeStatus.Won, DisputeStatus.Lost, DisputeStatus.WarningClosed, DisputeStatus.Prevented];

    public async Task<IReadOnlyList<RecentRefundRow>> RecentRefundsAsync(int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Refunds.AsNoTracking()
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(limit)
            .Select(r => new RecentRefundRow(r.OrderId, r.ProviderRefundId, new Money(r.Amount, r.Currency), r.Status, r.Reason, r.Note,
                r.RequestedBy, r.CreatedAt, db.Orders.Where(o => o.Id == r.OrderId).Select(o => o.CustomerEmail).FirstOrDefault()))
            .ToListAsync(ct);
    }

    /// <summary>Open disputes, the nearest evidence deadline first (those without one last).</summary>
    public async Task<IReadOnlyList<DisputeRow>> OpenDisputesAsync(int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.Disputes.AsNoTracking()
                .Where(d => OpenStatuses.Contains(d.Status))
                .OrderBy(d => d.EvidenceDueBy == null).ThenBy(d => d.EvidenceDueBy).ThenBy(d => d.Id)
                .Take(limit))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<DisputeRow>> ClosedDisputesAsync(int limit, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.Disputes.AsNoTracking()
                .Where(d => ClosedStatuses.Contains(d.Status))
                .OrderByDescending(d => d.ClosedAt).ThenByDescending(d => d.Id)
                .Take(limit))
            .ToListAsync(ct);
    }

    /// <summary>The orders a search found, as the refund dialog needs them, in the order given.</summary>
    public async Task<IReadOnlyList<RefundTarget>> TargetsAsync(IReadOnlyList<Guid> orderIds, CancellationToken ct)
    {
        if (orderIds.Count == 0) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Orders.AsNoTracking()
            .Where(o => orderIds.Contains(o.Id))
            .Select(RefundTarget.FromOrder)
            .ToDictionaryAsync(t => t.OrderId, ct);
        return [.. orderIds.Where(found.ContainsKey).Select(id => found[id])];
    }

    private static IQueryable<DisputeRow> Rows(SerpDbContext db, IQueryable<Dispute> disputes) =>
        disputes.Select(d => new DisputeRow(d.OrderId, d.Source, d.ProviderDisputeId, new Money(d.Amount, d.Currency), d.Status, d.Reason,
            d.EvidenceDueBy, d.CreatedAt, d.ClosedAt, db.Orders.Where(o => o.Id == d.OrderId).Select(o => o.CustomerEmail).FirstOrDefault()));
}
