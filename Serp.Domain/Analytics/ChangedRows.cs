namespace Serp.Domain.Analytics;

/// <summary>
/// A statement's transition rows that matter to a rollup: for an update, a row whose read columns kept their value
/// (an <c>updated_at</c> or status change) is left out in both its versions, since their contributions cancel; a row
/// that came or went always counts. Transition tables have no index: the anti-joins hash them.
/// </summary>
internal static class ChangedRows
{
    /// <summary>The old rows (as a parenthesised set) of a statement that also has new rows when <paramref name="update"/>.</summary>
    public static string Old(bool update, string columns) => update ? $"({Only("old_rows", "new_rows", columns)})" : "old_rows";

    public static string New(bool update, string columns) => update ? $"({Only("new_rows", "old_rows", columns)})" : "new_rows";

    /// <summary>Both versions of the changed rows, as one set (the customer rollups read touched customers from it).</summary>
    public static string Both(bool old, bool @new, string columns) => (old, @new) switch
    {
        (true, true) => $"{Only("old_rows", "new_rows", columns)}\nUNION ALL\n{Only("new_rows", "old_rows", columns)}",
        (true, false) => "SELECT * FROM old_rows",
        _ => "SELECT * FROM new_rows",
    };

    private static string Only(string these, string others, string columns) =>
        $"SELECT a.* FROM {these} a WHERE NOT EXISTS (SELECT 1 FROM {others} b WHERE b.id = a.id AND ({Prefixed("b", columns)}) IS NOT DISTINCT FROM ({Prefixed("a", columns)}))";

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));
}
