using System.Security.Cryptography;
using System.Text;

namespace Serp.Domain.Purchases;

/// <summary>
/// Row ids derived from provider ids (name-based, RFC 4122 version 5 layout): the same purchase gets the same
/// ids whichever event creates the row, so every delivery order converges to identical rows.
/// </summary>
public static class StableId
{
    public static Guid For(string kind, string providerId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"serp:{kind}:{providerId}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// A row id derived from a provider id, qualified by the source (<c>stripe</c>, <c>paypal</c>): ids of two
    /// providers never collide. Rows are always found by their provider columns, never by re-deriving this id, so
    /// rows written before the source was part of it keep their ids (docs/decisions/0019).
    /// </summary>
    public static Guid ForProvider(string source, string kind, string providerId) => For(kind, $"{source}:{providerId}");

    /// <summary>The lock key of one provider id of a purchase (<c>stripe:pi_123</c>, <c>paypal:5O19…</c>).</summary>
    public static long PurchaseLockKey(string source, string providerId) => LockKey($"{source}:{providerId}");

    /// <summary>A 64-bit key for pg_advisory_xact_lock (e.g. <c>stripe:pi_123</c>): one transaction at a time per key.</summary>
    public static long LockKey(string name) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("serp:purchase:" + name)), 0);
}
