using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookQueueInIdOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_events_queue",
                table: "webhook_events");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_queue",
                table: "webhook_events",
                column: "id",
                filter: "status = 'received'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_events_queue",
                table: "webhook_events");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_queue",
                table: "webhook_events",
                columns: new[] { "next_attempt_at", "id" },
                filter: "status = 'received'");
        }
    }
}
