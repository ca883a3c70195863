using Serp.Admin.Features.Search;

namespace Serp.Bench.Desk;

/// <summary>The app-bar search (<see cref="DeskSearch"/>) by kind of input, beside an unindexed ILIKE search.</summary>
public static class SearchBench
{
    public static async Task RunAsync(DeskSearch search, NaiveQueries naive, DeskData data, DeskReport report, int calls, int warmup, CancellationToken ct)
    {
        const string group = "search";
        Task<Measurement> Ours(string name, Func<int, string> input) =>
            Timing.MeasureAsync(group, name, calls, warmup, async (i, token) => Count(await search.SearchAsync(input(i), 20, token)), ct);

        report.Add(await Ours("exact order id", i => data.OrderIds[i % data.OrderIds.Count].ToString()), goalP95: 3);
        report.Add(await Ours("exact pi_ id", i => data.PaymentIntents[i % data.PaymentIntents.Count]), goalP95: 3);
        var naiveCalls = Math.Max(5, calls / 20);
        // A pasted email matches few rows: the naive search reads the whole table to find them.
        var email = await Ours("exact email", i => data.Emails[i % data.Emails.Count]);
        var naiveEmail = await Timing.MeasureAsync(group, "naive ILIKE", naiveCalls, 1, (i, token) => naive.SearchAsync(data.Emails[i % data.Emails.Count], token), ct);
        report.Add(email, naiveEmail, goalP95: 20);

        var prefixes = data.Emails.Select(e => e[..Math.Min(5, e.IndexOf('@'))]).ToList();
        var prefix = await Ours("email prefix (5 chars, thousands of matches)", i => prefixes[i % prefixes.Count]);
        var naivePrefix = await Timing.MeasureAsync(group, "naive ILIKE", naiveCalls, 1, (i, token) => naive.SearchAsync(prefixes[i % prefixes.Count], token), ct);
        report.Add(prefix, naivePrefix, goalP95: 20);

        var fragments = data.NameFragments.Where(f => f.Length >= 3).ToList();
        var fragment = await Ours("name fragment (3-4 chars, thousands of matches)", i => fragments[i % fragments.Count]);
        var naiveFragment = await Timing.MeasureAsync(group, "naive ILIKE", naiveCalls, 1, (i, token) => naive.SearchAsync(fragments[i % fragments.Count], token), ct);
        report.Add(fragment, naiveFragment, goalP95: 20);
    }

    private static long Count(SearchResult result) =>
        result.Orders.Count + result.Customers.Count + result.Licenses.Count + result.Refunds.Count + result.Disputes.Count;
}
