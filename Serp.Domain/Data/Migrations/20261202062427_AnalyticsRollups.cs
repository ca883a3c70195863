using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnalyticsRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The rollup tables and their triggers (not in the EF model: read by raw SQL), then the existing data.
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.CreateSql);
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Serp.Domain.Analytics.AnalyticsSchema.DropSql);
        }
    }
}
