using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupportDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_customer_email_created_at",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_offer_id_created_at",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_payment_status_created_at",
                table: "orders");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string[]>(
                name: "refs",
                table: "webhook_events",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "refunds",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "request_id",
                table: "refunds",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "charge_refunded_observed_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "order_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_notes", x => x.id);
                    table.CheckConstraint("ck_order_notes_body", "length(body) BETWEEN 1 AND 4000");
                    table.ForeignKey(
                        name: "fk_order_notes_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "saved_views",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner = table.Column<string>(type: "text", nullable: false),
                    page = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    query = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_saved_views", x => x.id);
                    table.CheckConstraint("ck_saved_views_name", "length(name) BETWEEN 1 AND 80");
                });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_refs",
                table: "webhook_events",
                column: "refs")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_refunds_request_id",
                table: "refunds",
                column: "request_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_affiliate_id_created_at_id",
                table: "orders",
                columns: new[] { "affiliate_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_orders_amount_total_id",
                table: "orders",
                columns: new[] { "amount_total", "id" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_orders_currency_created_at_id",
                table: "orders",
                columns: new[] { "currency", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_orders_customer_email_created_at_id",
                table: "orders",
                columns: new[] { "customer_email", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_orders_lander_id_created_at_id",
                table: "orders",
                columns: new[] { "lander_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_orders_offer_id_created_at_id",
                table: "orders",
                columns: new[] { "offer_id", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_orders_payment_status_created_at_id",
                table: "orders",
                columns: new[] { "payment_status", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_orders_source_created_at_id",
                table: "orders",
                columns: new[] { "source", "created_at", "id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_order_notes_order_id_created_at",
                table: "order_notes",
                columns: new[] { "order_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_saved_views_owner_page_name",
                table: "saved_views",
                columns: new[] { "owner", "page", "name" },
                unique: true);

            // Search indexes EF cannot model (expressions): see OrderConfiguration.
            migrationBuilder.Sql("CREATE INDEX ix_orders_email_lower_prefix ON orders (lower(customer_email) text_pattern_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_orders_email_trgm ON orders USING gin (lower(customer_email) gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX ix_orders_name_trgm ON orders USING gin (lower(customer_name) gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_orders_email_lower_prefix; DROP INDEX ix_orders_email_trgm; DROP INDEX ix_orders_name_trgm;");

            migrationBuilder.DropTable(
                name: "order_notes");

            migrationBuilder.DropTable(
                name: "saved_views");

            migrationBuilder.DropIndex(
                name: "ix_webhook_events_refs",
                table: "webhook_events");

            migrationBuilder.DropIndex(
                name: "ix_refunds_request_id",
                table: "refunds");

            migrationBuilder.DropIndex(
                name: "ix_orders_affiliate_id_created_at_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_amount_total_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_currency_created_at_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_customer_email_created_at_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_lander_id_created_at_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_offer_id_created_at_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_payment_status_created_at_id",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "ix_orders_source_created_at_id",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "refs",
                table: "webhook_events");

            migrationBuilder.DropColumn(
                name: "note",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "request_id",
                table: "refunds");

            migrationBuilder.DropColumn(
                name: "charge_refunded_observed_at",
                table: "orders");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_orders_customer_email_created_at",
                table: "orders",
                columns: new[] { "customer_email", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_orders_offer_id_created_at",
                table: "orders",
                columns: new[] { "offer_id", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_orders_payment_status_created_at",
                table: "orders",
                columns: new[] { "payment_status", "created_at" },
                descending: new[] { false, true });
        }
    }
}
