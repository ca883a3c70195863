using Microsoft.EntityFrameworkCore;
using Serp.Domain.Data;
using Serp.Domain.Views;

namespace Serp.Admin.Features.Orders;

public sealed record SavedViewRow(Guid Id, string Name, string Query);

/// <summary>Named filters of a list page, personal to each staff member (owner = <c>StaffIdentity.Actor</c>).</summary>
public sealed class SavedViewStore(IDbContextFactory<SerpDbContext> dbFactory, TimeProvider time)
{
    public const int MaxNameLength = 80;

    public async Task<IReadOnlyList<SavedViewRow>> ListAsync(string owner, string page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SavedViews.AsNoTracking()
            .Where(v => v.Owner == owner && v.Page == page)
            .OrderBy(v => v.Name)
            .Select(v => new SavedViewRow(v.Id, v.Name, v.Query))
            .ToListAsync(ct);
    }

    /// <summary>Saves the query under the name, replacing the owner's view of that name; returns an error or null.</summary>
    public async Task<string?> SaveAsync(string owner, string page, string? name, string query, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) return "Give the view a name.";
        if (name.Length > MaxNameLength) return $"A view name has at most {MaxNameLength} characters.";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.SavedViews.SingleOrDefaultAsync(v => v.Owner == owner && v.Page == page && v.Name == name, ct);
        if (existing is not null)
        {
            existing.Query = query;
        }
        else
        {
            db.SavedViews.Add(new SavedView
            {
                Id = Guid.NewGuid(), Owner = owner, Page = page, Name = name, Query = query, CreatedAt = time.GetUtcNow(),
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same name saved at the same moment from another tab: the unique index kept one.
            return "A view with this name was just saved elsewhere; try again.";
        }
        return null;
    }

    /// <summary>Deletes one of the owner's views; another owner's id deletes nothing.</summary>
    public async Task DeleteAsync(string owner, Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SavedViews.Where(v => v.Id == id && v.Owner == owner).ExecuteDeleteAsync(ct);
    }
}
