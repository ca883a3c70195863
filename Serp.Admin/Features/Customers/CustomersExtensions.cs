namespace Serp.Admin.Features.Customers;

internal static class CustomersExtensions
{
    public static IHostApplicationBuilder AddCustomers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CustomerQueries>();
        builder.Services.AddSingleton<CustomerListQueries>();
        return builder;
    }
}
