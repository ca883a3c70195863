using System.Globalization;

namespace Serp.Domain.Analytics;

/// <summary>What one base table's changed rows contribute to a rollup, and the columns of that table it reads.</summary>
/// <param name="Contribution">SQL with <c>{rows}</c> and <c>{sign}</c> placeholders.</param>
/// <param name="Columns">
/// The base table's columns the contribution reads from <c>{rows}</c>: an update that changes none of them changes
/// nothing (the trigger fires only for updates that set one, and leaves out rows whose these columns kept their value).
/// </param>
public sealed record Feed(string Contribution, string Columns);

/// <summary>
/// One rollup table: its key and value columns, the contribution of a set of base rows for each base table that
/// feeds it (SQL with <c>{rows}</c> and <c>{sign}</c> placeholders), and the SQL derived from them. A rollup
/// <see cref="Derive">derived</see> from another has a coarser key: the parent's trigger statement feeds it from the
/// same delta and the rebuild sums the parent's table.
/// </summary>
/// <param name="source">The base table and contribution a rebuild reads (every row counts once from there).</param>
/// <param name="feeds">Base table → contribution of its changed rows (the triggers).</param>
/// <remarks>A class, not a record: a parent and its children refer to each other (a record's equality would recurse).</remarks>
public sealed class Rollup(
    string table,
    IReadOnlyList<string> keys,
    IReadOnlyList<string> values,
    (string Table, string Contribution) source,
    IReadOnlyDictionary<string, Feed> feeds)
{
    public string Table { get; } = table;

    public IReadOnlyList<string> Keys { get; } = keys;

    public IReadOnlyList<string> Values { get; } = values;

    public (string Table, string Contribution) Source { get; } = source;

    public IReadOnlyDictionary<string, Feed> Feeds { get; } = feeds;

    /// <summary>The rollup this one is derived from, and the expressions over its columns that make this key.</summary>
    public (Rollup Rollup, IReadOnlyList<string> Keys)? Parent { get; private init; }

    /// <summary>Rollups derived from this one (kept by this rollup's trigger statements, rebuilt after it).</summary>
    public IReadOnlyList<Rollup> Children { get; private set; } = [];

    /// <summary>
    /// A coarser rollup of <paramref name="parent"/>: each key is an expression over the parent's columns (a
    /// projection, or a month of its day). Its definition is the parent's contribution projected the same way.
    /// </summary>
    public static Rollup Derive(string table, Rollup parent, params (string Key, string Expression)[] keys)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var projection = string.Join(", ", keys.Select(k => $"{k.Expression} AS {k.Key}").Concat(parent.Values));
        var child = new Rollup(table, [.. keys.Select(k => k.Key)], parent.Values,
            (parent.Source.Table, $"SELECT {projection} FROM ({parent.Source.Contribution}) p"), new Dictionary<string, Feed>())
        {
            Parent = (parent, [.. keys.Select(k => k.Expression)]),
        };
        parent.Children = [.. parent.Children, child];
        return child;
    }

    private string KeyList => string.Join(", ", Keys);

    private string Sums => string.Join(", ", Values.Select(v => $"sum({v})::bigint AS {v}"));

    private string NonZero => string.Join(" OR ", Values.Select(v => $"sum({v}) <> 0"));

    private string Positions => string.Join(", ", Keys.Select((_, i) => (i + 1).ToString(CultureInfo.InvariantCulture)));

    private static string Contribution(string template, string rows, int sign) =>
        template.Replace("{rows}", rows, StringComparison.Ordinal)
            .Replace("{sign}", sign.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>What the rollup must hold: the contribution of every base row, summed per key, zero rows left out.</summary>
    public string Direct => $"""
        SELECT {KeyList}, {Sums}
        FROM ({Contribution(Source.Contribution, Source.Table, 1)}) c
        GROUP BY {KeyList}
        HAVING {NonZero}
        """;

    /// <summary>The rollup's rows with a non-zero value (a key whose rows all went away keeps a row of zeros).</summary>
    public string Stored => $"""
        SELECT {KeyList}, {string.Join(", ", Values)} FROM {Table}
        WHERE {string.Join(" OR ", Values.Select(v => $"{v} <> 0"))}
        """;

    public string CreateTableSql
    {
        get
        {
            var columns = Keys.Select(k => k switch
                {
                    "day" or "first_day" or "first_month" or "cohort_month" or "order_month" or "month" => $"{k} date NOT NULL",
                    "bucket" or "since_first" or "since_prev" => $"{k} smallint NOT NULL",
                    "net" => $"{k} bigint NOT NULL",
                    _ => $"{k} text NOT NULL",
                })
                .Concat(Values.Select(v => $"{v} bigint NOT NULL DEFAULT 0"));
            return $"CREATE TABLE {Table} ({string.Join(", ", columns)}, PRIMARY KEY ({KeyList}));";
        }
    }

    /// <summary>Recomputes the table: from the base tables, or (derived) by summing the parent's table, rebuilt first.</summary>
    public string RebuildSql => $"DELETE FROM {Table};\nINSERT INTO {Table} ({KeyList}, {string.Join(", ", Values)})\n" + (Parent is { } parent
        ? $"SELECT {string.Join(", ", parent.Keys)}, {Sums} FROM {parent.Rollup.Table} GROUP BY {Positions} HAVING {NonZero};"
        : $"{Direct};");

    /// <summary>
    /// Adds the delta of one statement's rows: old rows negated, new rows added, summed per key, keys in order (two
    /// writers lock rollup rows in the same order), unchanged keys skipped (no lock taken on a hot row for nothing).
    /// For an update, rows whose read columns kept their value are left out (their two versions cancel). The derived
    /// rollups get the same delta, summed to their keys, in the same statement.
    /// </summary>
    internal string DeltaSql(string baseTable, bool old, bool @new)
    {
        var feed = Feeds[baseTable];
        var parts = new List<string>();
        if (old) parts.Add(Contribution(feed.Contribution, ChangedRows.Old(@new, feed.Columns), -1));
        if (@new) parts.Add(Contribution(feed.Contribution, ChangedRows.New(old, feed.Columns), 1));
        return ApplySql(parts);
    }

    /// <summary>Adds the sum of some contributions (each already signed) to the table, as <see cref="DeltaSql"/>.</summary>
    internal string ApplySql(IEnumerable<string> contributions)
    {
        var (ctes, upsert) = UpsertParts(contributions);
        return (ctes.Count == 0 ? "" : $"WITH {string.Join(",\n", ctes)}\n") + upsert + ";";
    }

    /// <summary>
    /// <see cref="ApplySql"/> in parts, to be one piece of a larger statement (the customer rollups apply their deltas
    /// in one statement over one reading of the touched customers' orders): the WITH parts that compute the delta once
    /// (<c>MATERIALIZED</c>) and upsert the derived rollups from it, and this rollup's own upsert (no semicolon).
    /// </summary>
    internal (List<string> Ctes, string Upsert) UpsertParts(IEnumerable<string> contributions)
    {
        var delta = Delta(contributions);
        if (Children.Count == 0) return ([], Upsert($"{delta}\nORDER BY {KeyList}"));
        var name = $"{Table}_delta";
        List<string> ctes = [$"{name} AS MATERIALIZED (\n{delta}\n)"];
        foreach (var child in Children)
        {
            var keys = child.Parent!.Value.Keys;
            ctes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{child.Table} AS (\n{child.Upsert($"SELECT {string.Join(", ", keys)}, {child.Sums} FROM {name} GROUP BY {child.Positions} HAVING {child.NonZero} ORDER BY {child.Positions}")}\n)"));
        }
        return (ctes, Upsert($"SELECT * FROM {name} ORDER BY {KeyList}"));
    }

    private string Delta(IEnumerable<string> contributions) =>
        $"SELECT {KeyList}, {Sums}\nFROM (\n{string.Join("\nUNION ALL\n", contributions)}\n) c\nGROUP BY {KeyList}\nHAVING {NonZero}";

    private string Upsert(string select) =>
        $"INSERT INTO {Table} AS t ({KeyList}, {string.Join(", ", Values)})\n{select}\n" +
        $"ON CONFLICT ({KeyList}) DO UPDATE SET {string.Join(", ", Values.Select(v => $"{v} = t.{v} + excluded.{v}"))}";
}
