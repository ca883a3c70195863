using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;
using Serp.Admin.Auth;
using Serp.Admin.Reconciliation;
using Serp.Admin.Webhooks;

namespace Serp.Admin.Features.Monitoring;

/// <summary>"Reconcile now" for every configured provider, and the recent runs of each with what they recovered.</summary>
public sealed partial class ReconciliationPanel
{
    private const int RunsPerProvider = 5;

    [Inject] private ReconciliationRunner Runner { get; set; } = default!;
    [Inject] private ReconciliationRuns Runs { get; set; } = default!;
    [Inject] private IOptions<ReconciliationScheduleOptions> Schedule { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private bool running;
    private string? error;
    private IReadOnlyList<ReconciliationResult> results = [];
    private IReadOnlyList<ReconciliationRunRow>? runs;

    protected override Task OnInitializedAsync() => LoadRunsAsync();

    private async Task RunAsync()
    {
        running = true;
        error = null;
        try
        {
            var user = AuthenticationState is null ? null : (await AuthenticationState).User;
            results = await Runner.RunAllAsync(StaffIdentity.Actor(user), CancellationToken.None);
            if (results.Count == 0) error = "No provider is configured for reconciliation: nothing was run.";
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            error = $"Reconciliation could not run: the database is unavailable ({ex.GetType().Name}). Try again in a moment.";
        }
        finally
        {
            running = false;
        }
        await LoadRunsAsync();
    }

    private async Task LoadRunsAsync()
    {
        try
        {
            runs = await Runs.RecentAsync(RunsPerProvider, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex))
        {
            runs = null;
            error ??= $"The reconciliation runs could not be read: the database is unavailable ({ex.GetType().Name}).";
        }
    }

    private static string ProviderName(string provider) => ReconciliationRunner.ProviderName(provider);

    private static Severity SeverityOf(ReconciliationOutcome outcome) => outcome switch
    {
        ReconciliationOutcome.Completed => Severity.Success,
        ReconciliationOutcome.Failed => Severity.Error,
        _ => Severity.Warning,
    };
}
