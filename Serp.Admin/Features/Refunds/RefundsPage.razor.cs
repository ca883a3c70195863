using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Serp.Admin.Components.Shared;
using Serp.Admin.Features.Search;

namespace Serp.Admin.Features.Refunds;

public sealed partial class RefundsPage : IDisposable
{
    private const int RecentRefundCount = 50;
    private const int DisputeCount = 100;
    private const int ClosedDisputeCount = 20;
    private const int SearchLimit = 20;

    /// <summary>Under this much time left to send evidence, a dispute shows red.</summary>
    private static readonly TimeSpan UrgentWithin = TimeSpan.FromHours(72);

    private IReadOnlyList<DisputeRow>? openDisputes;
    private IReadOnlyList<RecentRefundRow>? recentRefunds;
    private IReadOnlyList<DisputeRow>? closedDisputes;
    private string? loadError;
    private DateTimeOffset now;
    private string? searchText;
    private bool searching;
    private string? searchMessage;
    private IReadOnlyList<RefundTarget>? found;
    private ITimer? clock;

    [Inject] private RefundDeskQueries Queries { get; set; } = default!;
    [Inject] private DeskSearch Search { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private ILogger<RefundsPage> Logger { get; set; } = default!;

    protected override Task OnInitializedAsync()
    {
        // The deadlines count down while the desk stays open: an agent reads "in 2 h 10 min" an hour later, not "in 3 h 10 min".
        clock = Time.CreateTimer(_ => _ = InvokeAsync(Tick), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        return LoadAsync();
    }

    private void Tick()
    {
        now = Time.GetUtcNow();
        StateHasChanged();
    }

    public void Dispose() => clock?.Dispose();

    private async Task LoadAsync()
    {
        now = Time.GetUtcNow();
        try
        {
            loadError = null;
            // Shown together: a render between the queries (a parent's) would show one section loaded and the next still loading.
            var open = await Queries.OpenDisputesAsync(DisputeCount, CancellationToken.None);
            var recent = await Queries.RecentRefundsAsync(RecentRefundCount, CancellationToken.None);
            var closed = await Queries.ClosedDisputesAsync(ClosedDisputeCount, CancellationToken.None);
            (openDisputes, recentRefunds, closedDisputes) = (open, recent, closed);
        }
#pragma warning disable CA1031 // Show the failure on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the refund desk failed");
            loadError = "The refund desk could not be loaded: the database did not answer. Try again in a moment.";
            openDisputes ??= [];
            recentRefunds ??= [];
            closedDisputes ??= [];
        }
    }

    private async Task OnSearchKeyAsync(KeyboardEventArgs key)
    {
        if (key.Key == "Enter") await SearchAsync();
    }

    /// <summary>Any id, email or name through the desk's one search; every order it names, with what is left to refund.</summary>
    private async Task SearchAsync()
    {
        if (searching) return;
        searching = true;
        searchMessage = null;
        try
        {
            var result = await Search.SearchAsync(searchText, SearchLimit, CancellationToken.None);
            IEnumerable<Guid?> ids = [result.ExactOrderId, .. result.Orders.Select(o => (Guid?)o.Id), .. result.Refunds.Select(r => r.OrderId),
                .. result.Disputes.Select(d => d.OrderId), .. result.Licenses.Select(l => (Guid?)l.OrderId)];
            found = await Queries.TargetsAsync([.. ids.OfType<Guid>().Distinct()], CancellationToken.None);
            if (found.Count == 0)
            {
                searchMessage = result.Query.IsShortText && result.Query.Term.Length < SearchQuery.MinFragmentLength
                    ? $"Type at least {SearchQuery.MinFragmentLength} characters of an email or a name, or a whole id."
                    : "No orders match.";
            }
        }
#pragma warning disable CA1031 // Show the failure on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Refund desk search failed");
            searchMessage = "The search could not be run: the database did not answer. Try again in a moment.";
        }
        finally
        {
            searching = false;
        }
    }

    /// <summary>After a refund: the found orders' amounts and the recent refunds change.</summary>
    private async Task RefreshAsync()
    {
        if (found is { Count: > 0 }) found = await Queries.TargetsAsync([.. found.Select(o => o.OrderId)], CancellationToken.None);
        await LoadAsync();
    }

    /// <summary>The store still has to answer: once evidence is submitted (under review) the due date is past history.</summary>
    private static bool AwaitsEvidence(DisputeRow dispute) =>
        dispute.Status is Serp.Domain.Disputes.DisputeStatus.NeedsResponse or Serp.Domain.Disputes.DisputeStatus.WarningNeedsResponse;

    private bool Urgent(DisputeRow dispute) => AwaitsEvidence(dispute) && dispute.EvidenceDueBy is { } due && due - now < UrgentWithin;

    /// <summary>"in 2 d 5 h", "in 3 h 10 min", "overdue by 4 h".</summary>
    private string Countdown(DateTimeOffset due)
    {
        var left = due - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h {span.Minutes} min");
        return left < TimeSpan.Zero ? "overdue by " + text : "in " + text;
    }

    private static string Label(string? code) => CodeText.Words(code) ?? "—";
}
