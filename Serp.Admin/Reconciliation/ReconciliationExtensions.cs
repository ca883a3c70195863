namespace Serp.Admin.Reconciliation;

internal static class ReconciliationExtensions
{
    /// <summary>
    /// The provider-neutral reconciliation: the runner, its run records and the schedule. Each provider registers its
    /// <see cref="IReconciliationSource"/> (e.g. <c>AddStripe</c>). Call after <c>AddWebhooks</c> (inbox, signal, ledger).
    /// </summary>
    public static IHostApplicationBuilder AddReconciliation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReconciliationScheduleOptions>().BindConfiguration(ReconciliationScheduleOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReconciliationRuns>();
        builder.Services.AddSingleton<ReconciliationRunner>();
        builder.Services.AddHostedService<ReconciliationWorker>();
        return builder;
    }
}
