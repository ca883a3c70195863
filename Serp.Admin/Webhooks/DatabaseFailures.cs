using System.Net.Sockets;
using Npgsql;

namespace Serp.Admin.Webhooks;

internal static class DatabaseFailures
{
    /// <summary>
    /// The database could not take the write (down, unreachable, shutting down, out of connections): the provider
    /// must retry, so the endpoint answers 503. A constraint or SQL error is a bug and stays a 500.
    /// </summary>
    public static bool IsUnavailable(Exception error) => error switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                || pg.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException => true,
        // EF Core's retrying execution strategy wraps what it gave up on ("likely due to a transient failure").
        Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException { InnerException: { } inner } => IsUnavailable(inner),
        InvalidOperationException { InnerException: NpgsqlException or TimeoutException or SocketException } inner => IsUnavailable(inner.InnerException!),
        TimeoutException or SocketException => true,
        _ => false,
    };
}
