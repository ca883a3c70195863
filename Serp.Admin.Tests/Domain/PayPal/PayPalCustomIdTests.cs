using System.Text.Json;
using Serp.Admin.Integrations.PayPal.Events;

namespace Serp.Admin.Tests.Domain.PayPal;

public sealed class PayPalCustomIdTests
{
    [Fact]
    public void The_contract_form_lifts_offer_lander_and_affiliate_and_keeps_the_raw_value()
    {
        const string raw = "offer_id=offer-serp-downloader&lander_id=lander-video&affiliate_id=aff_007";

        var parsed = PayPalCustomId.Parse(raw)!;

        Assert.Equal(("offer-serp-downloader", "lander-video", "aff_007"), (parsed.OfferId, parsed.LanderId, parsed.AffiliateId));
        Assert.Equal(raw, Metadata(parsed)["custom_id"]);
        Assert.Equal("aff_007", Metadata(parsed)["affiliate_id"]);
    }

    [Fact]
    public void Any_subset_is_fine_and_unknown_keys_are_kept_in_the_metadata()
    {
        var parsed = PayPalCustomId.Parse("affiliate_id=aff%20%26%20co&utm_source=news+letter")!;

        Assert.Equal((null, null, "aff & co"), (parsed.OfferId, parsed.LanderId, parsed.AffiliateId));
        Assert.Equal("news letter", Metadata(parsed)["utm_source"]);
        Assert.False(Metadata(parsed).ContainsKey(PayPalCustomId.ErrorKey));
    }

    [Theory]
    [InlineData("ORDER-42", "not in the form")]
    [InlineData("offer_id=a=b", "not in the form")]
    [InlineData("offer_id=a&&lander_id=b", "not in the form")]
    [InlineData("=a", "not in the form")]
    [InlineData("offer_id=%zz", "broken %-escape")]
    [InlineData("offer_id=100%", "broken %-escape")]
    [InlineData("offer_id=a&offer_id=b", "twice or reserved")]
    [InlineData("custom_id=x", "twice or reserved")]
    public void Anything_else_lifts_nothing_and_says_why_beside_the_raw_value(string raw, string reason)
    {
        var parsed = PayPalCustomId.Parse(raw)!;

        Assert.Equal((null, null, null), (parsed.OfferId, parsed.LanderId, parsed.AffiliateId));
        Assert.Equal(raw, Metadata(parsed)["custom_id"]);
        Assert.Contains(reason, Metadata(parsed)[PayPalCustomId.ErrorKey], StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_longer_than_PayPal_allows_is_not_parsed()
    {
        var raw = "offer_id=offer-serp-downloader&affiliate_id=" + new string('a', 100);
        Assert.True(raw.Length > PayPalCustomId.MaxLength);

        var parsed = PayPalCustomId.Parse(raw)!;

        Assert.Null(parsed.OfferId);
        Assert.Contains("longer than 127", Metadata(parsed)[PayPalCustomId.ErrorKey], StringComparison.Ordinal);
    }

    [Fact]
    public void No_custom_id_means_no_attribution_and_no_metadata() => Assert.Null(PayPalCustomId.Parse(null));

    private static Dictionary<string, string> Metadata(PayPalCustomId parsed) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(parsed.MetadataJson)!;
}
