using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Monitoring;

namespace Serp.Admin.Features.Monitoring.Alerts;

/// <summary>
/// Runs every enabled rule once: opens an alert for each condition that has none open (unless the same alert
/// resolved less than the rule's cooldown ago) and resolves the open alerts whose condition cleared. One instance at
/// a time (a transaction-scoped advisory lock; the others skip the round), and the open alerts' unique index backs it.
/// A rule that fails is logged and leaves its alerts as they are; the other rules still run.
/// </summary>
public sealed class AlertEvaluator(
    IDbContextFactory<SerpDbContext> dbFactory,
    IEnumerable<IAlertRule> rules,
    TimeProvider time,
    ILogger<AlertEvaluator> logger)
{
    // pg_try_advisory_xact_lock key of the evaluation round ("alerts" in ASCII).
    private const long LockKey = 0x616c65727473;

    /// <summary>Returns what the round changed, or null when another instance holds the round.</summary>
    public async Task<AlertRound?> EvaluateAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"").SingleAsync(ct);
        if (!locked) return null;

        var now = time.GetUtcNow();
        var open = await db.Alerts.Where(a => a.ResolvedAt == null).ToListAsync(ct);
        int opened = 0, resolved = 0;
        foreach (var rule in rules)
        {
            var settings = rule.Options;
            if (!settings.Enabled) continue;
            var firing = await CheckAsync(rule, now, ct);
            if (firing is null) continue;

            foreach (var alert in open.Where(a => a.Rule == rule.Name && !firing.Any(f => f.Subject == a.Subject)))
            {
                alert.ResolvedAt = now;
                resolved++;
            }
            foreach (var condition in firing.Where(f => !open.Any(a => a.Rule == rule.Name && a.Subject == f.Subject)))
            {
                var coolingSince = now - settings.Cooldown;
                var cooling = await db.Alerts.AnyAsync(a => a.Rule == rule.Name && a.Subject == condition.Subject
                                                            && a.ResolvedAt != null && a.ResolvedAt > coolingSince, ct);
                if (cooling) continue;
                db.Alerts.Add(new Alert
                {
                    Rule = rule.Name, Subject = condition.Subject, Severity = condition.Severity,
                    Summary = condition.Summary, OpenedAt = now,
                });
                opened++;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (opened + resolved > 0)
        {
            logger.LogInformation("Alert round: {Opened} opened, {Resolved} resolved", opened, resolved);
        }
        return new AlertRound(opened, resolved);
    }

    // Each rule reads through its own context: a failing query must not abort the round's transaction.
    private async Task<IReadOnlyList<AlertCondition>?> CheckAsync(IAlertRule rule, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await rule.CheckAsync(db, now, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Alert rule {Rule} failed; its alerts stay as they are", rule.Name);
            return null;
        }
    }
}

public sealed record AlertRound(int Opened, int Resolved);
