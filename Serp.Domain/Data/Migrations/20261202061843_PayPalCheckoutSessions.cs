using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Serp.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class PayPalCheckoutSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A PayPal checkout session has no column of its own (checkout_sessions is contract): it is found by the
            // PayPal order id in its metadata, at most one row per order (docs/decisions/0018, CheckoutSessionConfiguration).
            migrationBuilder.Sql(
                "CREATE UNIQUE INDEX ix_checkout_sessions_paypal_order_id ON checkout_sessions ((metadata ->> 'paypal_order_id')) " +
                "WHERE source = 'paypal';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_checkout_sessions_paypal_order_id;");
        }
    }
}
