using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class PayPalSeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reconciliation_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    provider = table.Column<string>(type: "text", nullable: false),
                    actor = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    listed = table.Column<int>(type: "integer", nullable: false),
                    applied = table.Column<int>(type: "integer", nullable: false),
                    queued = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    message = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reconciliation_runs", x => x.id);
                    table.CheckConstraint("ck_reconciliation_runs_outcome", "outcome IN ('completed','completed_with_failures','rate_limited','failed')");
                });

            migrationBuilder.CreateIndex(
                name: "ix_reconciliation_runs_provider_started_at",
                table: "reconciliation_runs",
                columns: new[] { "provider", "started_at" },
                descending: new[] { false, true });

            // A PayPal checkout session has no column of its own (checkout_sessions is contract): it is found by the
            // PayPal order id in its metadata, at most one row per order (docs/decisions/0019, CheckoutSessionConfiguration).
            migrationBuilder.Sql(
                "CREATE UNIQUE INDEX ix_checkout_sessions_paypal_order_id ON checkout_sessions ((metadata ->> 'paypal_order_id')) " +
                "WHERE source = 'paypal';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_checkout_sessions_paypal_order_id;");

            migrationBuilder.DropTable(
                name: "reconciliation_runs");
        }
    }
}
