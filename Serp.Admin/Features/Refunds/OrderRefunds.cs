using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serp.Admin.Auth;
using Serp.Admin.Features.Refunds.Gateways;
using Serp.Domain.Audit;
using Serp.Domain.Data;
using Serp.Domain.Money;
using Serp.Domain.Orders;
using Serp.Domain.Purchases;

namespace Serp.Admin.Features.Refunds;

/// <summary>
/// Refunds an order from the desk: checks the role, the order's state, what remains and the Support limit, asks
/// the order's provider through its <see cref="IRefundGateway"/> (idempotently, keyed by the request id), then applies
/// the provider's answer through the <see cref="PurchaseLedger"/> like any webhook, so the order's total, status,
/// licenses and GHL outbox follow the same rules. Every attempt is audited (<c>refund.created</c> or <c>refund.failed</c>).
/// </summary>
public sealed class OrderRefunds(
    IDbContextFactory<SerpDbContext> dbFactory,
    PurchaseLedger ledger,
    IEnumerable<IRefundGateway> gateways,
    IOptionsMonitor<RefundOptions> options,
    TimeProvider time,
    ILogger<OrderRefunds> logger)
{
    public const string CreatedAction = "refund.created";
    public const string FailedAction = "refund.failed";

    private readonly Dictionary<string, IRefundGateway> bySource = gateways.ToDictionary(g => g.Source, StringComparer.Ordinal);

    private static readonly JsonSerializerOptions AuditJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<RefundTarget?> FindTargetAsync(Guid orderId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Orders.AsNoTracking()
            .Where(o => o.Id == orderId)
            .Select(RefundTarget.FromOrder)
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>The largest refund <paramref name="user"/> may make in <paramref name="currency"/> without an Admin, or null.</summary>
    public long? LimitFor(ClaimsPrincipal user, string currency) =>
        !StaffIdentity.HasAtLeast(user, Roles.Admin) && options.CurrentValue.SupportMaxAmount.TryGetValue(currency, out var max) ? max : null;

    public async Task<RefundResult> RefundAsync(ClaimsPrincipal user, RefundRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var actor = StaffIdentity.Actor(user);
        var target = await FindTargetAsync(request.OrderId, ct);
        var attempt = new Attempt(actor, request, target?.Currency, target?.PaymentRef);

        if (!StaffIdentity.HasAtLeast(user, Roles.Support))
        {
            return await RefuseAsync(attempt, "not_permitted", "Only Support and Admin staff can refund.", ct);
        }
        if (Invalid(request) is { } invalid) return await RefuseAsync(attempt, "invalid_request", invalid, ct);

        // The same request again (a retry after Stripe answered but the page did not hear it): one refund, one row.
        if (await ExistingAsync(request.RequestId, ct) is { } done)
        {
            return new RefundResult(RefundOutcome.Succeeded, $"Refund {done.ProviderRefundId} was already made for this request.",
                ProviderRefundId: done.ProviderRefundId, Status: done.Status);
        }

        if (target is null) return await RefuseAsync(attempt, "order_not_found", "The order does not exist.", ct);
        if (target.Refusal is { } refusal) return await RefuseAsync(attempt, "not_refundable", refusal, ct);
        if (request.Amount > target.Remaining)
        {
            return await RefuseAsync(attempt, "amount_too_large",
                $"The amount is more than what is left to refund: {target.Left.Format()} of {target.Total.Format()} remain.", ct);
        }
        if (LimitFor(user, target.Currency) is { } limit && request.Amount > limit)
        {
            return await RefuseAsync(attempt, "over_support_limit",
                $"Refunds above {new Money(limit, target.Currency).Format()} need an Admin.", ct);
        }

        if (!bySource.TryGetValue(target.Source, out var gateway))
        {
            return await RefuseAsync(attempt, "not_refundable", $"Refunds of {target.Source} orders are not possible from the desk.", ct);
        }
        var (created, error) = await gateway.RefundAsync(
            new ProviderRefund(request.RequestId, target.PaymentRef!, request.Amount, target.Currency, request.Reason, Note(request), actor), ct);
        if (error is not null)
        {
            await AuditAsync(attempt, FailedAction, "failed", error.Code, error.Message, null, ct);
            logger.LogWarning("Refund of order {OrderId} failed at {Source}: {Code}", request.OrderId, target.Source, error.Code);
            return new RefundResult(RefundOutcome.Failed, error.Message, error.Code, Retryable: error.Retryable);
        }

        await RecordAsync(attempt, created!, ct);
        logger.LogInformation("Refund {RefundId} of {Amount} {Currency} on order {OrderId}: {Status}",
            created!.ProviderRefundId, created.Amount, created.Currency, request.OrderId, created.Status);
        return new RefundResult(RefundOutcome.Succeeded,
            $"Refunded {new Money(created.Amount, created.Currency).Format()} ({created.Status}).",
            ProviderRefundId: created.ProviderRefundId, Status: created.Status);
    }

    private static string? Invalid(RefundRequest request)
    {
        if (request.Amount <= 0) return "The amount must be more than zero.";
        if (!RefundReasons.All.Contains(request.Reason)) return "Choose a reason for the refund.";
        if (request.Reason == RefundReasons.Other && string.IsNullOrWhiteSpace(request.Note)) return "Say why in a few words (reason \"other\").";
        if (request.Note?.Length > RefundReasons.NoteMaxLength) return $"The note is longer than {RefundReasons.NoteMaxLength} characters.";
        return null;
    }

    private static string? Note(RefundRequest request) => string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();

    private async Task<Domain.Refunds.Refund?> ExistingAsync(Guid requestId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Refunds.AsNoTracking().SingleOrDefaultAsync(r => r.RequestId == requestId, ct);
    }

    /// <summary>The provider's answer goes through the ledger as a fact (as its webhook will), with the audit entry, in one transaction.</summary>
    private async Task RecordAsync(Attempt attempt, RefundFact fact, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ledger.ApplyAsync(db, fact, ct);
        db.AuditLog.Add(Entry(attempt, CreatedAction, "succeeded", null, null, fact.ProviderRefundId, fact.Status));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<RefundResult> RefuseAsync(Attempt attempt, string code, string message, CancellationToken ct)
    {
        await AuditAsync(attempt, FailedAction, "refused", code, message, null, ct);
        logger.LogInformation("Refund of order {OrderId} refused: {Code}", attempt.Request.OrderId, code);
        return new RefundResult(RefundOutcome.Refused, message, code);
    }

    private async Task AuditAsync(Attempt attempt, string action, string outcome, string? code, string? message, string? refundId,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditLog.Add(Entry(attempt, action, outcome, code, message, refundId, null));
        await db.SaveChangesAsync(ct);
    }

    private AuditEntry Entry(Attempt attempt, string action, string outcome, string? code, string? message, string? refundId, string? status) => new()
    {
        At = time.GetUtcNow(),
        Actor = attempt.Actor,
        Action = action,
        TargetType = "order",
        TargetId = attempt.Request.OrderId.ToString("D"),
        Details = JsonSerializer.SerializeToDocument(new
        {
            RequestId = attempt.Request.RequestId,
            attempt.Request.Amount,
            attempt.Currency,
            attempt.Request.Reason,
            Note = Note(attempt.Request),
            ProviderRefundId = refundId,
            Status = status,
            ErrorCode = code,
            Message = message,
        }, AuditJson),
        Outcome = outcome,
    };

    private sealed record Attempt(string Actor, RefundRequest Request, string? Currency, string? PaymentRef);
}
