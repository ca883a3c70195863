namespace Serp.Admin.Features.Orders.Detail;

internal static class OrderDetailExtensions
{
    public static IHostApplicationBuilder AddOrderDetail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderDetailQueries>();
        builder.Services.AddSingleton<OrderNotes>();
        return builder;
    }
}
