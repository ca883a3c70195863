using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <summary>
    /// The GHL request budget shared by every app instance (ADR 15). Raw SQL and outside the EF model: only
    /// GhlRequestBudget reads and writes these tables, with short Npgsql transactions.
    /// </summary>
    public partial class GhlRequestBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE ghl_rate_slots (
                    slot integer PRIMARY KEY,
                    granted_at timestamptz NOT NULL
                );
                COMMENT ON TABLE ghl_rate_slots IS 'GHL request budget: one row per request allowed in a rolling 10 s; a slot is reused only 10 s after its last request finished.';
                CREATE TABLE ghl_rate_days (
                    day date PRIMARY KEY,
                    requests integer NOT NULL
                );
                COMMENT ON TABLE ghl_rate_days IS 'GHL request budget: requests granted per UTC day.';
                CREATE TABLE ghl_rate_pause (
                    id smallint PRIMARY KEY CHECK (id = 1),
                    paused_until timestamptz NOT NULL,
                    reason text
                );
                COMMENT ON TABLE ghl_rate_pause IS 'GHL request budget: no instance sends before paused_until (set from a 429 or exhausted rate-limit headers).';
                INSERT INTO ghl_rate_pause (id, paused_until) VALUES (1, '-infinity');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE ghl_rate_pause; DROP TABLE ghl_rate_days; DROP TABLE ghl_rate_slots;");
        }
    }
}
