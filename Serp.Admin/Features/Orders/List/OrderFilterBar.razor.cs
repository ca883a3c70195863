using Microsoft.AspNetCore.Components;
using MudBlazor;
using Serp.Domain.Catalog;

namespace Serp.Admin.Features.Orders;

/// <summary>The filter controls of <c>/orders</c>: they never load anything, they hand a new filter to the page.</summary>
public sealed partial class OrderFilterBar
{
    private string preset = DatePreset.Any;
    private DateRange? customRange;
    private string? currencyError;
    private string? amountMinError;
    private string? amountMaxError;

    [Inject] private OfferCatalog Catalog { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    [Parameter, EditorRequired] public OrderFilter Filter { get; set; } = OrderFilter.Default;
    [Parameter] public EventCallback<OrderFilter> OnChange { get; set; }

    private DateOnly Today => DatePreset.Today(Time, Filter.Zone);
    private string SortValue => $"{(Filter.Sort == OrderSort.Amount ? "amount" : "created_at")}:{(Filter.Descending ? "desc" : "asc")}";
    private string MinLabel => Filter.Currency is null ? "Min (cents)" : $"Min {Filter.Currency.ToUpperInvariant()}";
    private string MaxLabel => Filter.Currency is null ? "Max (cents)" : $"Max {Filter.Currency.ToUpperInvariant()}";

    protected override void OnParametersSet()
    {
        // "Custom range" stays open while the operator picks dates; otherwise the URL's dates decide.
        if (preset != DatePreset.Custom || Filter.From is not null) preset = DatePreset.Of(Filter.From, Filter.To, Today);
        customRange = Filter.From is null && Filter.To is null ? null : new DateRange(
            Filter.From?.ToDateTime(TimeOnly.MinValue), Filter.To?.AddDays(-1).ToDateTime(TimeOnly.MinValue));
    }

    private List<(string OfferId, string ProductName)> OfferChoices()
    {
        var known = Catalog.Offers.Select(o => (o.OfferId, o.ProductName)).OrderBy(o => o.ProductName, StringComparer.Ordinal).ToList();
        // An offer the catalog no longer lists may still be in a link: keep it selectable rather than silently dropped.
        if (Filter.Offer is { } offer && known.All(o => o.OfferId != offer)) known.Add((offer, offer));
        return known;
    }

    private Task OnPresetChanged(string value)
    {
        preset = value;
        if (value == DatePreset.Custom) return Task.CompletedTask;
        var range = DatePreset.Range(value, Today);
        return Change(Filter with { From = range?.From, To = range?.To });
    }

    private Task OnCustomRangeChanged(DateRange? range)
    {
        customRange = range;
        if (range?.Start is not { } start || range.End is not { } end) return Task.CompletedTask;
        return Change(Filter with { From = DateOnly.FromDateTime(start), To = DateOnly.FromDateTime(end).AddDays(1) });
    }

    private Task OnSortChanged(string value)
    {
        var parts = value.Split(':');
        return Change(Filter with { Sort = parts[0] == "amount" ? OrderSort.Amount : OrderSort.CreatedAt, Descending = parts[1] == "desc" });
    }

    private Task OnCurrencyChanged(string? value)
    {
        var currency = Blank(value)?.ToLowerInvariant();
        currencyError = currency is null || (currency.Length == 3 && currency.All(char.IsAsciiLetterLower)) ? null : "Three letters, e.g. usd";
        return currencyError is null ? Change(Filter with { Currency = currency }) : Task.CompletedTask;
    }

    private Task OnAmountMinChanged(string? value)
    {
        if (!AmountText.TryParse(value, Filter.Currency, out var minor, out amountMinError)) return Task.CompletedTask;
        return Change(Filter with { AmountMin = minor });
    }

    private Task OnAmountMaxChanged(string? value)
    {
        if (!AmountText.TryParse(value, Filter.Currency, out var minor, out amountMaxError)) return Task.CompletedTask;
        return Change(Filter with { AmountMax = minor });
    }

    private Task Change(OrderFilter changed) => changed == Filter ? Task.CompletedTask : OnChange.InvokeAsync(changed);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
