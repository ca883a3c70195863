using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <summary>
    /// Maps PostgreSQL's system column <c>xmin</c> as the concurrency token of orders and checkout sessions (ADR 16).
    /// Npgsql emits no SQL for these operations (xmin is a system column): the migration only moves the model snapshot.
    /// </summary>
    public partial class OrderConcurrencyTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "orders",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "checkout_sessions",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "checkout_sessions");
        }
    }
}
