using System.Text;

namespace Serp.Domain.Analytics;

/// <summary>
/// The DDL of the rollups: tables, and per base table one statement-level trigger per operation whose function
/// applies the changed rows' delta to every rollup the table feeds. Statement-level with transition tables: a
/// set-based UPDATE of ten thousand stale sessions is one aggregate, not ten thousand upserts.
/// </summary>
public static class AnalyticsSchema
{
    private static readonly string[] BaseTables = ["orders", "disputes", "refunds", "checkout_sessions", "payment_failures"];

    private static readonly string[] Operations = ["insert", "update", "delete"];

    /// <summary>
    /// Tables whose rows are counted under their ORDER's key: their trigger first share-locks those orders (in id
    /// order), so an order whose day, offer or paid state changes at the same time is seen either before or after,
    /// never half (the order's own trigger reads their rows; see the ADR).
    /// </summary>
    private static readonly string[] CountedUnderOrder = ["disputes", "refunds"];

    /// <summary>Tables whose changes move a customer's figures (<see cref="CustomerRollups"/>; refunds do through orders.amount_refunded).</summary>
    private static readonly string[] FeedCustomers = ["orders", "disputes"];

    public static string CreateSql
    {
        get
        {
            var sql = new StringBuilder();
            foreach (var rollup in AnalyticsRollups.All) sql.AppendLine(rollup.CreateTableSql);
            foreach (var table in BaseTables)
            {
                foreach (var (op, old, @new) in new[] { ("insert", false, true), ("update", true, true), ("delete", true, false) })
                {
                    var function = $"analytics_{table}_{op}";
                    sql.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $fn$\nDECLARE touched text[];\nBEGIN");
                    if (old && @new)
                    {
                        // An update that changed no column a rollup reads (a status, a provider id, updated_at: most of
                        // the ledger's) ends here. A statement-level trigger with transition tables cannot have a
                        // column list (UPDATE OF) or a WHEN clause, so this is the trigger's first statement instead.
                        sql.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                            $"IF NOT EXISTS ({ChangedRows.Both(old, @new, ReadColumns(table))}) THEN RETURN NULL; END IF;");
                    }
                    if (CountedUnderOrder.Contains(table))
                    {
                        var ids = string.Join(" UNION ", new[] { old ? "SELECT order_id FROM old_rows" : null, @new ? "SELECT order_id FROM new_rows" : null }.OfType<string>());
                        sql.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"PERFORM 1 FROM orders WHERE id IN ({ids}) ORDER BY id FOR SHARE;");
                    }
                    foreach (var rollup in AnalyticsRollups.All.Where(r => r.Feeds.ContainsKey(table)))
                    {
                        sql.AppendLine(rollup.DeltaSql(table, old, @new));
                    }
                    if (FeedCustomers.Contains(table)) sql.AppendLine(CustomerRollups.DeltaSql(table, old, @new));
                    sql.AppendLine("RETURN NULL;\nEND\n$fn$;");
                    var transition = (old ? "OLD TABLE AS old_rows " : "") + (@new ? "NEW TABLE AS new_rows " : "");
                    sql.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                        $"CREATE TRIGGER {function} AFTER {op.ToUpperInvariant()} ON {table} REFERENCING {transition}FOR EACH STATEMENT EXECUTE FUNCTION {function}();");
                }
            }
            return sql.ToString();
        }
    }

    /// <summary>Every column of <paramref name="table"/> a rollup reads: an update that changes none of them changes no rollup.</summary>
    private static string ReadColumns(string table) => string.Join(", ", AnalyticsRollups.All
        .Where(r => r.Feeds.ContainsKey(table)).Select(r => r.Feeds[table].Columns)
        .Concat(FeedCustomers.Contains(table) ? [CustomerRollups.Columns(table)] : [])
        .SelectMany(c => c.Split(", ")).Distinct().Order(StringComparer.Ordinal));

    public static string DropSql
    {
        get
        {
            var sql = new StringBuilder();
            foreach (var table in BaseTables)
            {
                foreach (var op in Operations)
                {
                    sql.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"DROP TRIGGER IF EXISTS analytics_{table}_{op} ON {table};");
                    sql.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"DROP FUNCTION IF EXISTS analytics_{table}_{op}();");
                }
            }
            foreach (var rollup in AnalyticsRollups.All) sql.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"DROP TABLE IF EXISTS {rollup.Table};");
            return sql.ToString();
        }
    }

    /// <summary>
    /// Recomputes every rollup from the base tables (after a bulk import; the demo loader; the rebuild command), in
    /// the caller's transaction. Writers wait meanwhile (SHARE locks), so no trigger delta falls between the delete
    /// and the re-insert.
    /// </summary>
    public static string RebuildSql =>
        $"LOCK TABLE {string.Join(", ", BaseTables)} IN SHARE MODE;\n" +
        string.Join("\n", AnalyticsRollups.All.Select(r => r.RebuildSql));

    /// <summary>Turns the rollup triggers off or on (the demo's bulk COPY rebuilds afterwards instead).</summary>
    public static string TriggersSql(bool enable) => string.Join("\n",
        from table in BaseTables
        from op in Operations
        select $"ALTER TABLE {table} {(enable ? "ENABLE" : "DISABLE")} TRIGGER analytics_{table}_{op};");
}
