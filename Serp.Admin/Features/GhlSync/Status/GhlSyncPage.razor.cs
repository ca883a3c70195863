using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Serp.Admin.Integrations.Ghl;
using Serp.Domain.GhlSync;

namespace Serp.Admin.Features.GhlSync.Status;

public sealed partial class GhlSyncPage : IDisposable
{
    private readonly CancellationTokenSource disposed = new();
    private GhlOverview? overview;
    private GhlFailingList? failingList;
    private GhlActivityPanel? activity;
    private bool configured;
    private string? loadError;
    private string? customerEmail;
    private string? customerError;

    [Inject] private GhlSyncQueries Queries { get; set; } = default!;
    [Inject] private IOptionsMonitor<GhlOptions> Options { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<GhlSyncPage> Logger { get; set; } = default!;

    protected override Task OnInitializedAsync()
    {
        configured = Options.CurrentValue.IsConfigured;
        return LoadAsync();
    }

    /// <summary>Reads the counts again (after a resync, say); the failing list reloads itself.</summary>
    public async Task LoadAsync()
    {
        try
        {
            loadError = null;
            overview = await Queries.OverviewAsync(disposed.Token);
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Say it on the page; the circuit stays up.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogError(ex, "Loading the GHL sync overview failed");
            loadError = "The GHL sync status could not be loaded: the database did not answer. Try again in a moment.";
        }
    }

    /// <summary>After a bulk resync: the counts, the throughput and the failing list.</summary>
    private async Task ReloadAllAsync()
    {
        await LoadAsync();
        if (activity is not null) await activity.ReloadAsync();
        if (failingList is not null) await failingList.LoadAsync();
    }

    private IEnumerable<(string Id, string Label, string Value, Color Color)> Tiles()
    {
        var o = overview;
        yield return ("backlog", "Backlog (due now)", N(o?.Backlog), Color.Default);
        yield return ("retrying", "Waiting to retry", N(o?.WaitingRetry), o?.WaitingRetry > 0 ? Color.Warning : Color.Default);
        yield return ("in_progress", "Syncing now", N(o?.Count(GhlSyncStatus.InProgress)), Color.Info);
        yield return ("succeeded", "Synced", N(o?.Count(GhlSyncStatus.Succeeded)), Color.Success);
        yield return ("failed", "Failed", N(o?.Count(GhlSyncStatus.Failed)), o?.Count(GhlSyncStatus.Failed) > 0 ? Color.Error : Color.Default);
        yield return ("skipped", "Skipped (demo)", N(o?.Count(GhlSyncStatus.Skipped)), Color.Default);
    }

    private static string N(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "…";

    private void OpenCustomer()
    {
        var email = customerEmail?.Trim() ?? "";
        if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
        {
            customerError = "Type the customer's email address.";
            return;
        }
        customerError = null;
        Navigation.NavigateTo(GhlLinks.Customer(email));
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
