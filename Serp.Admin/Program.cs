using Serp.Admin.Auth;
using Serp.Admin.Catalog;
using Serp.Admin.Components;
using Serp.Admin.Features.Analytics;
using Serp.Admin.Features.Customers;
using Serp.Admin.Features.GhlSync;
using Serp.Admin.Features.Monitoring;
using Serp.Admin.Features.Monitoring.Telemetry;
using Serp.Admin.Features.Orders;
using Serp.Admin.Features.Orders.Detail;
using Serp.Admin.Features.Preferences;
using Serp.Admin.Features.Refunds;
using Serp.Admin.Features.Search;
using Serp.Admin.Health;
using Serp.Admin.Hosting;
using Serp.Admin.Integrations.Ghl;
using Serp.Admin.Integrations.PayPal;
using Serp.Admin.Integrations.Stripe;
using Serp.Admin.Reconciliation;
using Serp.Admin.Security;
using Serp.Admin.Webhooks;
using Serp.Domain.Orders;

if (await CliCommands.TryRunAsync(args)) return;

var builder = WebApplication.CreateBuilder(args);
builder.AddSerpDatabase();
builder.AddCatalog();
builder.AddAdminAuth();
builder.AddSecurityBaseline();
builder.AddSerpHealthChecks();
builder.AddAdminUi();
builder.AddOrders();
builder.AddOrderDetail();
builder.AddCustomers();
builder.AddDeskSearch();
builder.AddOperatorPreferences();
builder.AddWebhooks();
builder.AddStripe();
builder.AddPayPal();
builder.AddReconciliation();
builder.AddGhl();
builder.AddMonitoring();
builder.AddSerpTelemetry();
builder.AddRefunds();
builder.AddGhlSync();
builder.AddGhlPage();
builder.AddAnalytics();

var app = builder.Build();
app.UseSecurityBaseline();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapSerpHealth();
app.MapMetrics();
app.MapAuthEndpoints();
app.MapWebhookDoor("/webhooks/stripe", PaymentSource.Stripe);
app.MapWebhookDoor("/webhooks/paypal", PaymentSource.PayPal);
app.MapOrderExport();
app.MapAnalytics();
app.MapAdminUi();

app.Run();

public partial class Program;
