using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Serp.Domain.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without the web host or a running database.</summary>
internal sealed class SerpDbContextDesignFactory : IDesignTimeDbContextFactory<SerpDbContext>
{
    public SerpDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SerpDbContext>();
        SerpDatabase.Configure(options, SerpDatabase.CreateDataSource("Host=127.0.0.1;Database=serp_design"));
        return new SerpDbContext(options.Options);
    }
}
