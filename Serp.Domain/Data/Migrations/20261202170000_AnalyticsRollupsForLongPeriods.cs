using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsRollupsForLongPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rollups for long periods (docs/decisions/0029-analytics-statements-at-once.md): analytics_customer_days
            // (day × currency × since_first × since_prev) becomes analytics_customer_first and analytics_customer_prev,
            // keyed by one count each; daily lander and affiliate sales, checkouts by offer and by month, and customer
            // values by month join the derived rollups. Every rollup table and trigger function is dropped and created
            // again from the current definitions, then rebuilt.
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.DropSql);
            migrationBuilder.Sql("DROP TABLE IF EXISTS analytics_customer_days;");
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.CreateSql);
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Not undone: the older binary reads analytics_customer_days, which is gone; going back to it needs the
            // database restored from before this migration (or that rollup recreated and rebuilt by hand).
        }
    }
}
