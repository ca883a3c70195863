using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeskSearchRecentIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_orders_search_recent",
                table: "orders",
                columns: new[] { "created_at", "id" },
                descending: new bool[0])
                .Annotation("Npgsql:IndexInclude", new[] { "customer_name", "customer_email" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_search_recent",
                table: "orders");
        }
    }
}
