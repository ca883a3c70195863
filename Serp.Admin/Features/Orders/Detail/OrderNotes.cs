using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Serp.Admin.Auth;
using Serp.Domain.Audit;
using Serp.Domain.Data;
using Serp.Domain.Notes;

namespace Serp.Admin.Features.Orders.Detail;

public enum NoteOutcome
{
    Added,
    Invalid,
    Refused,
    OrderNotFound,
}

public sealed record NoteResult(NoteOutcome Outcome, string? Error = null, NoteRow? Note = null);

/// <summary>
/// Staff notes on an order. Support and Admin only, checked here and not just by hiding the box; the note and its
/// <c>order.note_added</c> audit entry are saved in one transaction.
/// </summary>
public sealed class OrderNotes(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public const int MaxLength = 4000;
    public const string AuditAction = "order.note_added";

    /// <summary>The trimmed body, or why it cannot be saved.</summary>
    public static (string? Body, string? Error) Validate(string? text)
    {
        var body = text?.Trim() ?? "";
        if (body.Length == 0) return (null, "Write the note before saving it.");
        if (body.Length > MaxLength)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"A note holds at most {MaxLength:N0} characters; this one has {body.Length:N0}."));
        }
        return (body, null);
    }

    public async Task<NoteResult> AddAsync(Guid orderId, string? text, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!StaffIdentity.HasAtLeast(user, Roles.Support))
        {
            return new NoteResult(NoteOutcome.Refused, "Only Support and Admin staff can add notes.");
        }
        var (body, error) = Validate(text);
        if (body is null) return new NoteResult(NoteOutcome.Invalid, error);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Orders.AnyAsync(o => o.Id == orderId, ct)) return new NoteResult(NoteOutcome.OrderNotFound, "This order no longer exists.");

        var note = new OrderNote { Id = Guid.CreateVersion7(), OrderId = orderId, Author = StaffIdentity.Actor(user), Body = body, CreatedAt = time.GetUtcNow() };
        db.OrderNotes.Add(note);
        db.AuditLog.Add(new AuditEntry
        {
            At = note.CreatedAt,
            Actor = note.Author,
            Action = AuditAction,
            TargetType = "order",
            TargetId = orderId.ToString("D"),
            // The id and size only: the body may quote the customer, and the note itself is kept for good.
            Details = JsonSerializer.SerializeToDocument(new { noteId = note.Id, length = body.Length }),
            Outcome = "succeeded",
        });
        await db.SaveChangesAsync(ct);
        return new NoteResult(NoteOutcome.Added, Note: new NoteRow(note.Id, note.Author, note.Body, note.CreatedAt));
    }
}
