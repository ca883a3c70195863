using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class GhlSyncAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ghl_sync_status_next_attempt_at",
                table: "ghl_sync");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ghl_sync_status",
                table: "ghl_sync");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "bulk_requested_at",
                table: "ghl_sync",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "desired_hash",
                table: "ghl_sync",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "enrolled_workflow_ids",
                table: "ghl_sync",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<bool>(
                name: "force_push",
                table: "ghl_sync",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ghl_opportunity_id",
                table: "ghl_sync",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "lease_token",
                table: "ghl_sync",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "priority",
                table: "ghl_sync",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddColumn<string>(
                name: "synced_hash",
                table: "ghl_sync",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ghl_sync_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    email = table.Column<string>(type: "text", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    http_status = table.Column<int>(type: "integer", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    calls = table.Column<JsonDocument>(type: "jsonb", nullable: false),
                    request_count = table.Column<int>(type: "integer", nullable: false),
                    instance = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ghl_sync_attempts", x => x.id);
                    table.CheckConstraint("ck_ghl_sync_attempts_outcome", "outcome IN ('succeeded','unchanged','retrying','failed','skipped')");
                });

            migrationBuilder.CreateIndex(
                name: "ix_ghl_sync_bulk_requested_at",
                table: "ghl_sync",
                column: "bulk_requested_at",
                filter: "bulk_requested_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_ghl_sync_claim",
                table: "ghl_sync",
                columns: new[] { "status", "priority", "next_attempt_at" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_ghl_sync_status",
                table: "ghl_sync",
                sql: "status IN ('pending','in_progress','succeeded','failed','skipped')");

            migrationBuilder.CreateIndex(
                name: "ix_ghl_sync_attempts_email_started_at",
                table: "ghl_sync_attempts",
                columns: new[] { "email", "started_at" },
                descending: new[] { false, true });

            migrationBuilder.CreateIndex(
                name: "ix_ghl_sync_attempts_finished_at",
                table: "ghl_sync_attempts",
                column: "finished_at");

            // The GHL sync loads a customer's abandoned checkouts by the email key, as it loads orders (ix_orders_email_lower_prefix).
            migrationBuilder.Sql("CREATE INDEX ix_checkout_sessions_email_lower ON checkout_sessions (lower(customer_email));");
            // The claim takes pending rows by next_attempt_at (a bump's time); bumps before this migration left it NULL.
            migrationBuilder.Sql("UPDATE ghl_sync SET next_attempt_at = updated_at WHERE status = 'pending' AND next_attempt_at IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_checkout_sessions_email_lower;");

            migrationBuilder.DropTable(
                name: "ghl_sync_attempts");

            migrationBuilder.DropIndex(
                name: "ix_ghl_sync_bulk_requested_at",
                table: "ghl_sync");

            migrationBuilder.DropIndex(
                name: "ix_ghl_sync_claim",
                table: "ghl_sync");

            migrationBuilder.DropCheckConstraint(
                name: "ck_ghl_sync_status",
                table: "ghl_sync");

            migrationBuilder.DropColumn(
                name: "bulk_requested_at",
                table: "ghl_sync");

            migrationBuilder.DropColumn(
                name: "desired_hash",
                table: "ghl_sync");

            migrationBuilder.DropColumn(
                name: "enrolled_workflow_ids",
                table: "ghl_sync");

            migrationBuilder.DropColumn(
                name: "force_push",
                table: "ghl_sync");

            migrationBuilder.DropColumn(
                name: "ghl_opportunity_id",
                table: "ghl_sync");

            migrationBuilder.DropColumn(
                name: "lease_token",
                table: "ghl_sync");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "ghl_sync");

            migrationBuilder.DropColumn(
                name: "synced_hash",
                table: "ghl_sync");

            migrationBuilder.CreateIndex(
                name: "ix_ghl_sync_status_next_attempt_at",
                table: "ghl_sync",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_ghl_sync_status",
                table: "ghl_sync",
                sql: "status IN ('pending','in_progress','succeeded','failed')");
        }
    }
}
