using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Features.Search;
using Serp.Admin.Tests.TestData;
using Serp.Domain.Licenses;

namespace Serp.Admin.Tests.Integration;

/// <summary>
/// DeskSearch on real PostgreSQL over a handful of orders arranged so that every kind of query has rows that match
/// and rows that do not (see <see cref="SearchRows"/>).
/// </summary>
public sealed class DeskSearchTests(SearchRows rows) : IClassFixture<SearchRows>
{
    private readonly DeskSearch search = new(new TestDbContextFactory(rows.Database), NullLogger<DeskSearch>.Instance);

    [Theory]
    [InlineData("cs_test_olivia", "olivia")]
    [InlineData("pi_3olivia", "olivia")]
    [InlineData("ch_3olivia", "olivia")]
    [InlineData("pi_3smithson", "smithson")]
    [InlineData("5O190127TN364715T", "paypal")]
    [InlineData("3C679366HH908993F", "paypal")]
    [InlineData("re_3olivia", "olivia")]
    [InlineData("re_3early", "smithson")]
    [InlineData("RF1234567890ABCDE", "paypal")]
    [InlineData("dp_1early", "olivia")]
    [InlineData("PP-D-12345", "paypal")]
    [InlineData("serp-aaaaa-bbbbb-ccccc-ddddd", "noah")]
    public async Task An_exact_id_resolves_to_its_one_order(string input, string order)
    {
        var result = await search.SearchAsync(input, 10, CancellationToken.None);

        Assert.Equal(rows.Orders[order], result.ExactOrderId);
        Assert.Equal(rows.Orders[order], Assert.Single(result.Orders).Id);
    }

    [Fact]
    public async Task Our_own_order_id_resolves_to_the_order()
    {
        var id = rows.Orders["noah"];

        var result = await search.SearchAsync(id.ToString("D").ToUpperInvariant(), 10, CancellationToken.None);

        Assert.Equal(id, result.ExactOrderId);
    }

    [Theory]
    [InlineData("pi_3nobody")]
    [InlineData("re_3nobody")]
    [InlineData("SERP-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ")]
    [InlineData("00000000-0000-0000-0000-000000000001")]
    public async Task An_unknown_id_finds_nothing(string input)
    {
        var result = await search.SearchAsync(input, 10, CancellationToken.None);

        Assert.Null(result.ExactOrderId);
        Assert.True(result.IsEmpty);
    }

    [Fact]
    public async Task A_refund_that_arrived_before_its_order_is_shown_with_the_order_its_payment_names()
    {
        var result = await search.SearchAsync("re_3early", 10, CancellationToken.None);

        var refund = Assert.Single(result.Refunds);
        Assert.Equal(rows.Orders["smithson"], refund.OrderId);
        Assert.Equal(new Serp.Domain.Money.Money(500, "usd"), refund.Amount);
    }

    [Fact]
    public async Task A_PayPal_refund_that_arrived_before_its_order_is_shown_with_the_order_its_capture_names()
    {
        var result = await search.SearchAsync("RF0EARLYPAYPAL001", 10, CancellationToken.None);

        var refund = Assert.Single(result.Refunds);
        Assert.Equal(rows.Orders["percent"], refund.OrderId);
        Assert.Equal(rows.Orders["percent"], result.ExactOrderId);
    }

    [Fact]
    public async Task A_license_key_lists_the_license()
    {
        var result = await search.SearchAsync("SERP-AAAAA-BBBBB-CCCCC-DDDDD", 10, CancellationToken.None);

        var license = Assert.Single(result.Licenses);
        Assert.Equal((rows.Orders["noah"], LicenseStatus.Active), (license.OrderId, license.Status));
    }

    [Fact]
    public async Task An_email_matches_exactly_and_as_a_prefix_whatever_its_case()
    {
        var exact = await search.SearchAsync("OLIVIA.SMITH@EXAMPLE.COM", 10, CancellationToken.None);
        var prefix = await search.SearchAsync("olivia.smith@", 10, CancellationToken.None);

        Assert.Equal([rows.Orders["olivia-again"], rows.Orders["olivia"]], exact.Orders.Select(o => o.Id));
        Assert.Equal(exact.Orders.Select(o => o.Id), prefix.Orders.Select(o => o.Id));
        Assert.Null(exact.ExactOrderId);
    }

    [Fact]
    public async Task One_or_two_characters_match_the_start_of_emails_only()
    {
        var result = await search.SearchAsync("ol", 10, CancellationToken.None);

        Assert.Equal(3, result.Orders.Count);
        Assert.All(result.Orders, o => Assert.StartsWith("ol", o.CustomerEmail!, StringComparison.OrdinalIgnoreCase));
        // "Noah Kim" has "ol" nowhere, "Per Cent" has it inside the name but not at the start of the email.
        Assert.DoesNotContain(result.Orders, o => o.Id == rows.Orders["percent"]);
    }

    [Fact]
    public async Task A_name_fragment_matches_anywhere_in_the_name_whatever_its_case()
    {
        var result = await search.SearchAsync("LIVIA SMI", 10, CancellationToken.None);

        Assert.Equal(
            new[] { rows.Orders["olivia-again"], rows.Orders["olivia"], rows.Orders["smithson"] }.Order(),
            result.Orders.Select(o => o.Id).Order());
    }

    [Fact]
    public async Task A_fragment_matches_inside_emails_too()
    {
        var result = await search.SearchAsync("smithson", 10, CancellationToken.None);

        Assert.Equal(rows.Orders["smithson"], Assert.Single(result.Orders).Id);
    }

    [Fact]
    public async Task Matches_are_newest_first()
    {
        var result = await search.SearchAsync("olivia", 10, CancellationToken.None);

        Assert.Equal(3, result.Orders.Count);
        Assert.Equal(result.Orders.OrderByDescending(o => o.CreatedAt).Select(o => o.Id), result.Orders.Select(o => o.Id));
    }

    [Theory]
    [InlineData("percent%", "percent")]
    [InlineData("under_", "underscore")]
    public async Task Like_wildcards_in_the_input_match_only_themselves(string input, string order)
    {
        var result = await search.SearchAsync(input, 10, CancellationToken.None);

        Assert.Equal(rows.Orders[order], Assert.Single(result.Orders).Id);
    }

    [Fact]
    public async Task Customers_are_the_distinct_emails_of_the_matches_with_all_their_orders_counted()
    {
        var result = await search.SearchAsync("olivia", 10, CancellationToken.None);

        Assert.Equal(["olivia.smith@example.com", "olivia.smithson@example.org"], result.Customers.Select(c => c.Email));
        Assert.Equal([2, 1], result.Customers.Select(c => c.OrderCount));
        Assert.Equal("/customers/olivia.smith%40example.com", result.Customers[0].Url);
    }

    [Fact]
    public async Task Each_group_holds_at_most_the_limit()
    {
        var all = await search.SearchAsync("olivia", 10, CancellationToken.None);
        var limited = await search.SearchAsync("olivia", 1, CancellationToken.None);

        Assert.Equal(3, all.Orders.Count);
        Assert.Equal(2, all.Customers.Count);
        Assert.Equal(all.Orders.Take(1).Select(o => o.Id), limited.Orders.Select(o => o.Id));
        Assert.Single(limited.Customers);
    }

    [Fact]
    public async Task Text_that_matches_nothing_finds_nothing()
    {
        var result = await search.SearchAsync("zzyzx", 10, CancellationToken.None);

        Assert.True(result.IsEmpty);
    }
}
