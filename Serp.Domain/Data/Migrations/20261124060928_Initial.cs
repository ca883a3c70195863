using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checkout_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    stripe_session_id = table.Column<string>(type: "text", nullable: true),
                    stripe_payment_intent_id = table.Column<string>(type: "text", nullable: true),
                    offer_id = table.Column<string>(type: "text", nullable: true),
                    lander_id = table.Column<string>(type: "text", nullable: true),
                    customer_email = table.Column<string>(type: "text", nullable: true),
                    metadata = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checkout_sessions", x => x.id);
                    table.CheckConstraint("ck_checkout_sessions_source", "source IN ('stripe','paypal')");
                    table.CheckConstraint("ck_checkout_sessions_status", "status IN ('pending','completed','failed','abandoned')");
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    friendly_name = table.Column<string>(type: "text", nullable: true),
                    xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "operator_preferences",
                columns: table => new
                {
                    subject = table.Column<string>(type: "text", nullable: false),
                    dark_mode = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_operator_preferences", x => x.subject);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    checkout_session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    stripe_session_id = table.Column<string>(type: "text", nullable: true),
                    stripe_payment_intent_id = table.Column<string>(type: "text", nullable: true),
                    stripe_charge_id = table.Column<string>(type: "text", nullable: true),
                    paypal_order_id = table.Column<string>(type: "text", nullable: true),
                    paypal_capture_id = table.Column<string>(type: "text", nullable: true),
                    amount_total = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    offer_id = table.Column<string>(type: "text", nullable: true),
                    lander_id = table.Column<string>(type: "text", nullable: true),
                    affiliate_id = table.Column<string>(type: "text", nullable: true),
                    customer_email = table.Column<string>(type: "text", nullable: true),
                    customer_name = table.Column<string>(type: "text", nullable: true),
                    metadata = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    payment_status = table.Column<string>(type: "text", nullable: false),
                    payment_method = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                    table.CheckConstraint("ck_orders_payment_status", "payment_status IN ('pending','paid','failed','partially_refunded','refunded','disputed')");
                    table.CheckConstraint("ck_orders_source", "source IN ('stripe','paypal')");
                    table.ForeignKey(
                        name: "fk_orders_checkout_sessions_checkout_session_id",
                        column: x => x.checkout_session_id,
                        principalTable: "checkout_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_checkout_sessions_customer_email_created_at",
                table: "checkout_sessions",
                columns: new[] { "customer_email", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_checkout_sessions_status_created_at",
                table: "checkout_sessions",
                columns: new[] { "status", "created_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_checkout_sessions_stripe_payment_intent_id",
                table: "checkout_sessions",
                column: "stripe_payment_intent_id");

            migrationBuilder.CreateIndex(
                name: "ix_checkout_sessions_stripe_session_id",
                table: "checkout_sessions",
                column: "stripe_session_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_checkout_session_id",
                table: "orders",
                column: "checkout_session_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_created_at_id",
                table: "orders",
                columns: new[] { "created_at", "id" },
                descending: new bool[0]);

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

            migrationBuilder.CreateIndex(
                name: "ix_orders_paypal_capture_id",
                table: "orders",
                column: "paypal_capture_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_paypal_order_id",
                table: "orders",
                column: "paypal_order_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_stripe_charge_id",
                table: "orders",
                column: "stripe_charge_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_stripe_payment_intent_id",
                table: "orders",
                column: "stripe_payment_intent_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_orders_stripe_session_id",
                table: "orders",
                column: "stripe_session_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "operator_preferences");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "checkout_sessions");
        }
    }
}
