using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    rule = table.Column<string>(type: "text", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    severity = table.Column<string>(type: "text", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "text", nullable: true),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    open_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolve_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    notify_attempts = table.Column<int>(type: "integer", nullable: false),
                    notify_next_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    notify_error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                    table.CheckConstraint("ck_alerts_rule", "rule IN ('order_volume','payment_failure_rate','refund_spike','provider_silent','webhook_verification_failures','events_stuck','ghl_backlog')");
                    table.CheckConstraint("ck_alerts_severity", "severity IN ('critical','warning')");
                });

            migrationBuilder.CreateTable(
                name: "webhook_refusals",
                columns: table => new
                {
                    provider = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: false),
                    minute = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_refusals", x => new { x.provider, x.reason, x.minute });
                    table.CheckConstraint("ck_webhook_refusals_count", "count > 0");
                });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_provider_received_at",
                table: "webhook_events",
                columns: new[] { "provider", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_notify",
                table: "alerts",
                column: "id",
                filter: "open_notified_at IS NULL OR (resolved_at IS NOT NULL AND resolve_notified_at IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_opened_at",
                table: "alerts",
                column: "opened_at",
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ux_alerts_open",
                table: "alerts",
                columns: new[] { "rule", "subject" },
                unique: true,
                filter: "resolved_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_refusals_minute",
                table: "webhook_refusals",
                column: "minute");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "webhook_refusals");

            migrationBuilder.DropIndex(
                name: "ix_webhook_events_provider_received_at",
                table: "webhook_events");
        }
    }
}
