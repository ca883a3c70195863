namespace Serp.Admin.Features.Orders;

internal static class OrdersExtensions
{
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderQueries>();
        builder.Services.AddSingleton<SavedViewStore>();
        builder.Services.AddSingleton<OrderExport>();
        builder.Services.AddSingleton<OrderExportProgress>();
        return builder;
    }
}
