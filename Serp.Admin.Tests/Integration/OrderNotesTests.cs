using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Serp.Admin.Auth;
using Serp.Admin.Features.Orders.Detail;
using Serp.Admin.Tests.TestData;

namespace Serp.Admin.Tests.Integration;

public sealed class OrderNotesTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private OrderNotes Notes => new(new TestDbContextFactory(database), time);

    private static ClaimsPrincipal Staff(string role, string email) =>
        new(new ClaimsIdentity([new Claim("sub", "sub-" + email), new Claim("email", email), new Claim(ClaimTypes.Role, role)], "test", "name", ClaimTypes.Role));

    [Fact]
    public async Task Support_adds_a_trimmed_note_and_its_audit_entry_together()
    {
        var order = await SupportCase.ArrangeAsync(database, "frank@example.com", "usd", time.GetUtcNow());

        var result = await Notes.AddAsync(order.Id, "  Refund promised by phone.\nCall back Friday.  ", Staff(Roles.Support, "Agent.One@serp.local"), CancellationToken.None);

        Assert.Equal(NoteOutcome.Added, result.Outcome);
        await using var db = database.CreateDbContext();
        var note = await db.OrderNotes.SingleAsync(n => n.Id == result.Note!.Id);
        Assert.Equal(("Refund promised by phone.\nCall back Friday.", "agent.one@serp.local", time.GetUtcNow()), (note.Body, note.Author, note.CreatedAt));
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "order.note_added" && a.TargetId == order.Id.ToString("D"));
        Assert.Equal(("agent.one@serp.local", "order", "succeeded"), (audit.Actor, audit.TargetType, audit.Outcome));
    }

    [Fact]
    public async Task A_viewer_is_refused_by_the_service_and_nothing_is_saved()
    {
        var order = await SupportCase.ArrangeAsync(database, "grace@example.com", "usd", time.GetUtcNow());

        var result = await Notes.AddAsync(order.Id, "I should not be able to write this.", Staff(Roles.Viewer, "viewer@serp.local"), CancellationToken.None);

        Assert.Equal(NoteOutcome.Refused, result.Outcome);
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.OrderNotes.CountAsync(n => n.OrderId == order.Id)); // the arranged note only
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == "order.note_added" && a.TargetId == order.Id.ToString("D")));
    }

    [Theory]
    [InlineData("   \n  ", "Write the note before saving it.")]
    [InlineData(null, "Write the note before saving it.")]
    public async Task An_empty_note_is_refused_with_a_clear_message(string? text, string message)
    {
        var order = await SupportCase.ArrangeAsync(database, "heidi@example.com", "usd", time.GetUtcNow());

        var result = await Notes.AddAsync(order.Id, text, Staff(Roles.Admin, "admin@serp.local"), CancellationToken.None);

        Assert.Equal((NoteOutcome.Invalid, message), (result.Outcome, result.Error));
        await using var db = database.CreateDbContext();
        Assert.Equal(1, await db.OrderNotes.CountAsync(n => n.OrderId == order.Id));
    }

    [Fact]
    public async Task A_note_of_4000_characters_is_kept_and_one_of_4001_is_refused()
    {
        var order = await SupportCase.ArrangeAsync(database, "ivan@example.com", "usd", time.GetUtcNow());
        var admin = Staff(Roles.Admin, "admin@serp.local");

        var longest = await Notes.AddAsync(order.Id, new string('a', 4000), admin, CancellationToken.None);
        var tooLong = await Notes.AddAsync(order.Id, new string('a', 4001), admin, CancellationToken.None);

        Assert.Equal(NoteOutcome.Added, longest.Outcome);
        Assert.Equal((NoteOutcome.Invalid, "A note holds at most 4,000 characters; this one has 4,001."), (tooLong.Outcome, tooLong.Error));
        await using var db = database.CreateDbContext();
        Assert.Equal(2, await db.OrderNotes.CountAsync(n => n.OrderId == order.Id));
    }

    [Fact]
    public async Task A_note_on_an_unknown_order_is_refused()
    {
        var result = await Notes.AddAsync(Guid.NewGuid(), "Hello", Staff(Roles.Support, "agent@serp.local"), CancellationToken.None);

        Assert.Equal(NoteOutcome.OrderNotFound, result.Outcome);
    }
}
