using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class CustomerTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_totals",
                columns: table => new
                {
                    email = table.Column<string>(type: "text", nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    customer_name = table.Column<string>(type: "text", nullable: true),
                    orders = table.Column<int>(type: "integer", nullable: false),
                    gross = table.Column<long>(type: "bigint", nullable: false),
                    refunded = table.Column<long>(type: "bigint", nullable: false),
                    net = table.Column<long>(type: "bigint", nullable: false, computedColumnSql: "gross - refunded", stored: true),
                    first_purchase_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_purchase_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customer_totals", x => new { x.email, x.currency });
                });

            migrationBuilder.CreateIndex(
                name: "ix_customer_totals_currency_last_purchase_at_email",
                table: "customer_totals",
                columns: new[] { "currency", "last_purchase_at", "email" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_customer_totals_currency_net_email",
                table: "customer_totals",
                columns: new[] { "currency", "net", "email" },
                descending: new[] { false, true, true });

            // Email prefix (whatever the database collation) and name fragment searches of the customer list.
            migrationBuilder.Sql("CREATE INDEX ix_customer_totals_email_prefix ON customer_totals (email text_pattern_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_customer_totals_name_trgm ON customer_totals USING gin (lower(customer_name) gin_trgm_ops);");
            // The orders already there: the same aggregate the ledger recomputes per customer.
            migrationBuilder.Sql(Serp.Domain.Customers.CustomerTotals.BackfillSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_totals");
        }
    }
}
