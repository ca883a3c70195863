using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsCoarseRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The sales rollups derived from analytics_daily_sales (per offer by day, per lander and per affiliate by
            // month) join the others, and an update trigger stops at once when no column a rollup reads changed:
            // every rollup table and trigger function is dropped and created again from the current definitions,
            // then rebuilt (docs/decisions/0027-coarse-analytics-rollups.md).
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.DropSql);
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.CreateSql);
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing: the older code reads only the rollups it knows, which stay exact; the derived ones beside them
            // do no harm.
        }
    }
}
