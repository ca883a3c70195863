using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class GhlDriftScans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ghl_drift_scans",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    requested_by = table.Column<string>(type: "text", nullable: false),
                    sample_size = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    @checked = table.Column<int>(name: "checked", type: "integer", nullable: false),
                    drifted = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ghl_drift_scans", x => x.id);
                    table.CheckConstraint("ck_ghl_drift_scans_status", "status IN ('queued','running','finished','failed')");
                });

            migrationBuilder.CreateTable(
                name: "ghl_drift_findings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    scan_id = table.Column<long>(type: "bigint", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    contact_id = table.Column<string>(type: "text", nullable: true),
                    differences = table.Column<int>(type: "integer", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ghl_drift_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_ghl_drift_findings_ghl_drift_scans_scan_id",
                        column: x => x.scan_id,
                        principalTable: "ghl_drift_scans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ghl_drift_findings_scan_id_email",
                table: "ghl_drift_findings",
                columns: new[] { "scan_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ghl_drift_scans_status",
                table: "ghl_drift_scans",
                column: "status",
                filter: "status IN ('queued','running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ghl_drift_findings");

            migrationBuilder.DropTable(
                name: "ghl_drift_scans");
        }
    }
}
