namespace Serp.Admin.Features.Monitoring.Alerts.Rules;

/// <summary>
/// How likely a count is by chance. If nothing changed, the orders of the last hour and of the same hour in each of the
/// 4 weeks before are five draws at one rate, and given their total n the last hour holds a Binomial(n, 1/5) share —
/// a test that allows for the baseline's own noise. Terms are summed in log space: thousands of orders an hour do not
/// underflow.
/// </summary>
public static class BinomialTail
{
    /// <summary>P(X ≤ k) for X ~ Binomial(n, p).</summary>
    public static double AtMost(long k, long n, double p)
    {
        Check(n, p);
        if (k < 0) return 0;
        if (k >= n) return 1;
        // From i = 0 upwards: t(i) = t(i-1) · (n-i+1)/i · p/(1-p).
        var log = n * Math.Log(1 - p);
        var sum = log;
        var step = Math.Log(p / (1 - p));
        for (long i = 1; i <= k; i++)
        {
            log += Math.Log((double)(n - i + 1) / i) + step;
            sum = LogAdd(sum, log);
        }
        return Math.Min(1, Math.Exp(sum));
    }

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double AtLeast(long k, long n, double p)
    {
        Check(n, p);
        if (k <= 0) return 1;
        if (k > n) return 0;
        // From i = n downwards: t(i-1) = t(i) · i/(n-i+1) · (1-p)/p.
        var log = n * Math.Log(p);
        var sum = log;
        var step = Math.Log((1 - p) / p);
        for (var i = n; i > k; i--)
        {
            log += Math.Log((double)i / (n - i + 1)) + step;
            sum = LogAdd(sum, log);
        }
        return Math.Min(1, Math.Exp(sum));
    }

    private static void Check(long n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (p is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1.");
    }

    private static double LogAdd(double a, double b) =>
        a >= b ? a + Math.Log(1 + Math.Exp(b - a)) : b + Math.Log(1 + Math.Exp(a - b));
}
