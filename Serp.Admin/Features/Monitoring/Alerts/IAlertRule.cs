using Serp.Domain.Data;

namespace Serp.Admin.Features.Monitoring.Alerts;

/// <summary>
/// One alert rule: given the database and the time, what is wrong right now. The evaluator opens an alert for each
/// condition not already open and resolves the open ones that are no longer returned.
/// </summary>
public interface IAlertRule
{
    /// <summary>The contract value of <c>alerts.rule</c>.</summary>
    string Name { get; }

    AlertRuleOptions Options { get; }

    Task<IReadOnlyList<AlertCondition>> CheckAsync(SerpDbContext db, DateTimeOffset now, CancellationToken ct);
}

/// <param name="Subject">What the condition is about (a provider, an offer, <c>low</c>...): one open alert per rule and subject.</param>
/// <param name="Summary">What happened and where to look, in words (shown on the page and sent to Slack).</param>
public sealed record AlertCondition(string Subject, string Severity, string Summary);
