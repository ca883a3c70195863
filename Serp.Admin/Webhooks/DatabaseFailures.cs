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
        TimeoutException or SocketException => true,
        _ => false,
    };
}
