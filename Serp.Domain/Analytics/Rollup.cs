using System.Text;

namespace Serp.Domain.Analytics;

/// <summary>
/// One rollup table: its key and value columns, the contribution of a set of base rows for each base table that
/// feeds it (SQL with <c>{rows}</c> and <c>{sign}</c> placeholders), and the SQL derived from them.
/// </summary>
/// <param name="Source">The base table and contribution a rebuild reads (every row counts once from there).</param>
/// <param name="Feeds">Base table → contribution of its changed rows (the triggers).</param>
public sealed record Rollup(
    string Table,
    IReadOnlyList<string> Keys,
    IReadOnlyList<string> Values,
    (string Table, string Contribution) Source,
    IReadOnlyDictionary<string, string> Feeds)
{
    private string KeyList => string.Join(", ", Keys);

    private string Sums => string.Join(", ", Values.Select(v => $"sum({v})::bigint AS {v}"));

    private static string Contribution(string template, string rows, int sign) =>
        template.Replace("{rows}", rows, StringComparison.Ordinal)
            .Replace("{sign}", sign.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>What the rollup must hold: the contribution of every base row, summed per key, zero rows left out.</summary>
    public string Direct => $"""
        SELECT {KeyList}, {Sums}
        FROM ({Contribution(Source.Contribution, Source.Table, 1)}) c
        GROUP BY {KeyList}
        HAVING {string.Join(" OR ", Values.Select(v => $"sum({v}) <> 0"))}
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
                    "day" or "first_day" or "cohort_month" or "order_month" => $"{k} date NOT NULL",
                    "bucket" or "since_first" or "since_prev" => $"{k} smallint NOT NULL",
                    "net" => $"{k} bigint NOT NULL",
                    _ => $"{k} text NOT NULL",
                })
                .Concat(Values.Select(v => $"{v} bigint NOT NULL DEFAULT 0"));
            return $"CREATE TABLE {Table} ({string.Join(", ", columns)}, PRIMARY KEY ({KeyList}));";
        }
    }

    public string RebuildSql => $"DELETE FROM {Table};\nINSERT INTO {Table} ({KeyList}, {string.Join(", ", Values)})\n{Direct};";

    /// <summary>
    /// Adds the delta of one statement's rows: old rows negated, new rows added, summed per key, keys in order (two
    /// writers lock rollup rows in the same order), unchanged keys skipped (no lock taken on a hot row for nothing).
    /// </summary>
    internal string DeltaSql(string baseTable, bool old, bool @new)
    {
        var template = Feeds[baseTable];
        var parts = new List<string>();
        if (old) parts.Add(Contribution(template, "old_rows", -1));
        if (@new) parts.Add(Contribution(template, "new_rows", 1));
        return ApplySql(parts);
    }

    /// <summary>Adds the sum of some contributions (each already signed) to the table, as <see cref="DeltaSql"/>.</summary>
    internal string ApplySql(IEnumerable<string> contributions)
    {
        var sql = new StringBuilder();
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"INSERT INTO {Table} AS t ({KeyList}, {string.Join(", ", Values)})\n");
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"SELECT {KeyList}, {Sums}\nFROM (\n{string.Join("\nUNION ALL\n", contributions)}\n) c\n");
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"GROUP BY {KeyList}\nHAVING {string.Join(" OR ", Values.Select(v => $"sum({v}) <> 0"))}\n");
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"ORDER BY {KeyList}\n");
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"ON CONFLICT ({KeyList}) DO UPDATE SET {string.Join(", ", Values.Select(v => $"{v} = t.{v} + excluded.{v}"))};");
        return sql.ToString();
    }
}
