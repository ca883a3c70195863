using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookStatusIndexLeavesQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_events_status_received_at",
                table: "webhook_events");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_status_received_at",
                table: "webhook_events",
                columns: new[] { "status", "received_at" },
                descending: new[] { false, true },
                filter: "status <> 'received'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_events_status_received_at",
                table: "webhook_events");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_status_received_at",
                table: "webhook_events",
                columns: new[] { "status", "received_at" },
                descending: new[] { false, true });
        }
    }
}
