using System.Text;

namespace Serp.Admin.Features.Search;

/// <summary>What the operator typed turned out to be: decides which (indexed) queries can match at all.</summary>
public enum SearchKind
{
    /// <summary>Nothing to search for.</summary>
    Empty,
    /// <summary>Our order id (a Guid).</summary>
    OrderId,
    /// <summary>A Stripe checkout session id (<c>cs_</c>).</summary>
    StripeSession,
    /// <summary>A Stripe payment intent id (<c>pi_</c>).</summary>
    StripePaymentIntent,
    /// <summary>A Stripe charge id (<c>ch_</c>, <c>py_</c>).</summary>
    StripeCharge,
    /// <summary>A Stripe refund id (<c>re_</c>, <c>pyr_</c>).</summary>
    StripeRefund,
    /// <summary>A Stripe dispute id (<c>dp_</c>, <c>du_</c>).</summary>
    StripeDispute,
    /// <summary>A PayPal order, capture or refund id (17 letters and digits, no prefix).</summary>
    PayPalId,
    /// <summary>A PayPal dispute id (<c>PP-D-…</c>, <c>PP-R-…</c>).</summary>
    PayPalDispute,
    /// <summary>A license key (<c>SERP-XXXXX-…</c>).</summary>
    LicenseKey,
    /// <summary>Free text: an email (exact or prefix), a fragment of an email or of a name.</summary>
    Text,
}

/// <summary>
/// The classified input. <see cref="Term"/> is normalised for its kind (ids as the provider spells them, text in
/// lower case). The flags say which index-backed text queries run: <see cref="EmailPrefix"/> through the
/// <c>lower(customer_email) text_pattern_ops</c> btree, <see cref="EmailFragment"/> and <see cref="NameFragment"/>
/// through the trigram GIN indexes.
/// </summary>
public sealed record SearchQuery(SearchKind Kind, string Term, bool EmailPrefix = false, bool EmailFragment = false,
    bool NameFragment = false)
{
    /// <summary>Trigram indexes need three characters: shorter fragments could only be answered by a full scan.</summary>
    public const int MinFragmentLength = 3;

    /// <summary>Longer input is no id, email or name we store; refusing it keeps patterns small.</summary>
    public const int MaxLength = 200;

    public static SearchQuery Empty { get; } = new(SearchKind.Empty, "");

    /// <summary>True when the input is an id that can resolve to at most one row through a unique index.</summary>
    public bool IsExactId => Kind is not (SearchKind.Empty or SearchKind.Text);

    /// <summary>True for text too short for name or fragment search (only an email prefix can be tried).</summary>
    public bool IsShortText => Kind == SearchKind.Text && Term.Length < MinFragmentLength;

    /// <summary>Classifies the input: pure, no I/O, so it runs on every keystroke and is unit-tested.</summary>
    public static SearchQuery Classify(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length is 0 or > MaxLength) return Empty;

        if (Guid.TryParse(text, out _)) return new(SearchKind.OrderId, text);
        if (IsToken(text))
        {
            var stripe = StripeKind(text);
            if (stripe is { } kind) return new(kind, text);
        }
        var upper = text.ToUpperInvariant();
        if (upper.StartsWith("SERP-", StringComparison.Ordinal) && IsKeyShaped(upper)) return new(SearchKind.LicenseKey, upper);
        if ((upper.StartsWith("PP-D-", StringComparison.Ordinal) || upper.StartsWith("PP-R-", StringComparison.Ordinal))
            && IsKeyShaped(upper))
        {
            return new(SearchKind.PayPalDispute, upper);
        }
        // A 17-character PayPal id is also a plausible start of an email ("jsmith1985abcdefg"), and the btree
        // prefix lookup costs as little as the id lookups: try both.
        if (IsPayPalShaped(text)) return new(SearchKind.PayPalId, upper, EmailPrefix: true);

        var lower = text.ToLowerInvariant();
        var hasSpace = lower.Any(char.IsWhiteSpace);
        var fragment = lower.Length >= MinFragmentLength;
        // Emails have no spaces: only a name can contain one.
        if (hasSpace) return new(SearchKind.Text, CollapseSpaces(lower), NameFragment: fragment);
        // "@example.org" is the end of emails; "olivia@exa" the start of one (or all of it).
        if (lower[0] == '@') return new(SearchKind.Text, lower, EmailFragment: fragment);
        if (lower.Contains('@', StringComparison.Ordinal)) return new(SearchKind.Text, lower, EmailPrefix: true);
        // A fragment anywhere in the email already covers its prefix; one or two characters can only be a prefix.
        // Digits, '_' and '+' occur in emails, never in names: the name index need not be asked.
        var nameLike = !lower.Any(c => char.IsDigit(c) || c is '_' or '+');
        return new(SearchKind.Text, lower, EmailPrefix: !fragment, EmailFragment: fragment, NameFragment: fragment && nameLike);
    }

    /// <summary>The LIKE pattern for a prefix: the input's own % and _ (and the escape) are literal.</summary>
    public string PrefixPattern => EscapeLike(Term) + "%";

    /// <summary>The LIKE pattern for a fragment anywhere in the value.</summary>
    public string FragmentPattern => "%" + EscapeLike(Term) + "%";

    /// <summary>The escape character of <see cref="PrefixPattern"/> and <see cref="FragmentPattern"/>.</summary>
    public const string LikeEscape = "\\";

    public static string EscapeLike(string value) =>
        (value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    private static SearchKind? StripeKind(string text)
    {
        var underscore = text.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || underscore == text.Length - 1) return null;
        return text[..underscore] switch
        {
            "cs" => SearchKind.StripeSession,
            "pi" => SearchKind.StripePaymentIntent,
            "ch" or "py" => SearchKind.StripeCharge,
            "re" or "pyr" => SearchKind.StripeRefund,
            "dp" or "du" => SearchKind.StripeDispute,
            _ => null,
        };
    }

    // Stripe ids: letters, digits and underscores, nothing else.
    private static bool IsToken(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsKeyShaped(string text) =>
        text.Length > 5 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsPayPalShaped(string text) =>
        text.Length == 17 && text.All(char.IsAsciiLetterOrDigit) && text.Any(char.IsAsciiDigit) && text.Any(char.IsAsciiLetter);

    private static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
