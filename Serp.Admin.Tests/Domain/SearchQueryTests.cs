using Serp.Admin.Features.Search;

namespace Serp.Admin.Tests.Domain;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("4de07e2a-7ec7-41a5-bf76-40e1039109a3", SearchKind.OrderId)]
    [InlineData("  4DE07E2A-7EC7-41A5-BF76-40E1039109A3 ", SearchKind.OrderId)]
    [InlineData("cs_test_a1B2c3", SearchKind.StripeSession)]
    [InlineData("cs_live_a1B2c3", SearchKind.StripeSession)]
    [InlineData("pi_3LHp57kBVkiCHpd7", SearchKind.StripePaymentIntent)]
    [InlineData("ch_3LHp57kBVkiCHpd7", SearchKind.StripeCharge)]
    [InlineData("py_3LHp57kBVkiCHpd7", SearchKind.StripeCharge)]
    [InlineData("re_3LHp57kBVkiCHpd7", SearchKind.StripeRefund)]
    [InlineData("pyr_3LHp57kBVkiCHpd7", SearchKind.StripeRefund)]
    [InlineData("dp_1LHp57kBVkiCHpd7", SearchKind.StripeDispute)]
    [InlineData("du_1LHp57kBVkiCHpd7", SearchKind.StripeDispute)]
    [InlineData("5O190127TN364715T", SearchKind.PayPalId)]
    [InlineData("PP-D-12345", SearchKind.PayPalDispute)]
    [InlineData("pp-r-12345", SearchKind.PayPalDispute)]
    [InlineData("SERP-ABCDE-FGHJK-LMNPQ-RSTUV", SearchKind.LicenseKey)]
    [InlineData("olivia.smith@example.com", SearchKind.Text)]
    [InlineData("Olivia Smith", SearchKind.Text)]
    [InlineData("pi_", SearchKind.Text)]
    [InlineData("pi_3 x", SearchKind.Text)]
    public void Recognises_each_kind_of_input(string input, SearchKind expected) =>
        Assert.Equal(expected, SearchQuery.Classify(input).Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_input_searches_nothing(string? input) => Assert.Equal(SearchKind.Empty, SearchQuery.Classify(input).Kind);

    [Fact]
    public void Overlong_input_searches_nothing() =>
        Assert.Equal(SearchKind.Empty, SearchQuery.Classify(new string('a', SearchQuery.MaxLength + 1)).Kind);

    [Fact]
    public void Provider_ids_keep_their_case_and_our_keys_are_upper_cased()
    {
        Assert.Equal("pi_3LHp57kBVkiCHpd7", SearchQuery.Classify(" pi_3LHp57kBVkiCHpd7 ").Term);
        Assert.Equal("SERP-ABCDE-FGHJK", SearchQuery.Classify("serp-abcde-fghjk").Term);
        Assert.Equal("5O190127TN364715T", SearchQuery.Classify("5o190127tn364715t").Term);
    }

    [Fact]
    public void An_email_is_an_exact_or_prefix_match_in_lower_case()
    {
        var query = SearchQuery.Classify("Olivia.Smith@Exa");

        Assert.Equal("olivia.smith@exa", query.Term);
        Assert.Equal((true, false, false), (query.EmailPrefix, query.EmailFragment, query.NameFragment));
        Assert.Equal("olivia.smith@exa%", query.PrefixPattern);
        Assert.False(query.IsShortText);
    }

    [Fact]
    public void Letters_search_fragments_of_names_and_emails()
    {
        var query = SearchQuery.Classify("Smi");

        Assert.Equal((false, true, true), (query.EmailPrefix, query.EmailFragment, query.NameFragment));
        Assert.Equal("%smi%", query.FragmentPattern);
    }

    [Theory]
    [InlineData("smith12")]
    [InlineData("j_smith")]
    [InlineData("smith+shop")]
    public void Fragments_with_characters_no_name_has_search_emails_only(string input)
    {
        var query = SearchQuery.Classify(input);

        Assert.Equal((true, false), (query.EmailFragment, query.NameFragment));
    }

    [Fact]
    public void Words_with_spaces_search_names_only_with_single_spaces()
    {
        var query = SearchQuery.Classify("  Olivia   Smi ");

        Assert.Equal("olivia smi", query.Term);
        Assert.Equal((false, false, true), (query.EmailPrefix, query.EmailFragment, query.NameFragment));
    }

    [Fact]
    public void The_end_of_an_email_is_an_email_fragment()
    {
        var query = SearchQuery.Classify("@example.org");

        Assert.Equal((false, true, false), (query.EmailPrefix, query.EmailFragment, query.NameFragment));
    }

    [Theory]
    [InlineData("o")]
    [InlineData("ol")]
    public void One_or_two_characters_can_only_be_an_email_prefix(string input)
    {
        var query = SearchQuery.Classify(input);

        Assert.True(query.IsShortText);
        Assert.Equal((true, false, false), (query.EmailPrefix, query.EmailFragment, query.NameFragment));
    }

    [Fact]
    public void A_paypal_shaped_id_also_tries_the_email_prefix()
    {
        var query = SearchQuery.Classify("5O190127TN364715T");

        Assert.True(query.EmailPrefix);
        Assert.True(query.IsExactId);
    }

    [Theory]
    [InlineData("50%", "50\\%%")]
    [InlineData("a_b", "a\\_b%")]
    [InlineData("c:\\x", "c:\\\\x%")]
    public void Like_wildcards_in_the_input_are_literal(string term, string expected) =>
        Assert.Equal(expected, (SearchQuery.Classify(term) with { Term = term }).PrefixPattern);
}
