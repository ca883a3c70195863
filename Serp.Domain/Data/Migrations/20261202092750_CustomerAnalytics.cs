using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class CustomerAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The per-customer rollups join the others: every rollup table and trigger function is dropped and created
            // again from the current definitions (the functions now also keep the customer rollups), then rebuilt.
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.DropSql);
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.CreateSql);
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing: the older code reads only the four rollups it knows, which stay exact; the customer rollups
            // beside them do no harm.
        }
    }
}
