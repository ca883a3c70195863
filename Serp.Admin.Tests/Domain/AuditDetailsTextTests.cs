using System.Text.Json;
using Serp.Admin.Features.Orders.Detail;

namespace Serp.Admin.Tests.Domain;

public sealed class AuditDetailsTextTests
{
    private static string? Format(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return AuditDetailsText.Format(doc.RootElement);
    }

    [Fact]
    public void A_refund_entry_reads_as_words_with_the_amount_as_money_and_empty_values_left_out()
    {
        var text = Format("""{"requestId":"7d1c","amount":1050,"currency":"usd","reason":"duplicate","note":"Asked twice","providerRefundId":"re_1","errorCode":null,"message":""}""");

        Assert.Equal("Request id: 7d1c · Amount: $10.50 · Reason: duplicate · Note: Asked twice · Provider refund id: re_1", text);
    }

    [Fact]
    public void Snake_case_keys_numbers_and_flags_read_plainly_and_an_amount_without_currency_stays_a_number()
    {
        Assert.Equal("Note id: 5 · Length: 12 · Forced: yes · Amount: 300", Format("""{"note_id":5,"length":12,"forced":true,"amount":300}"""));
        Assert.Null(Format("{}"));
    }
}
