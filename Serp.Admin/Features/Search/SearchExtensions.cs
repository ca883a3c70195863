namespace Serp.Admin.Features.Search;

internal static class SearchExtensions
{
    public static IHostApplicationBuilder AddDeskSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeskSearch>();
        return builder;
    }
}
