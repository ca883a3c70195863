using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Serp.Admin.Auth;
using Serp.Domain.Data;

namespace Serp.Admin.Security;

internal static class SecurityExtensions
{
    /// <summary>DataProtection keys in PostgreSQL, HSTS, and a rate limiter that answers 429.</summary>
    public static IHostApplicationBuilder AddSecurityBaseline(this IHostApplicationBuilder builder)
    {
        // Keys in the shared database: every instance and every restart can read every session cookie.
        builder.Services.AddDataProtection()
            .SetApplicationName("Serp.Admin")
            .PersistKeysToDbContext<SerpDbContext>();

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A body of its own: says what happened, and keeps the status-code pages from turning 429 into 404.
            options.OnRejected = (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
                    new { error = "Too many requests from this address; try again later." }, ct));
            };
            options.AddPolicy(AuthEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) }));
        });
        return builder;
    }

    public static WebApplication UseSecurityBaseline(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }
}
