using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Serp.Admin.Features.Customers;
using Serp.Admin.Features.Orders;
using Serp.Admin.Features.Orders.Detail;
using Serp.Admin.Features.Search;
using Serp.Bench.Desk;
using Serp.Domain.Data;

// The support desk's reads at scale: /orders paging and counts, search, order and customer pages, CSV export, and the
// first rows of /orders in Chromium. Started by bench/desk.sh, which owns PostgreSQL, the data and the app.
var options = DeskOptions.Parse(args);
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(30));
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var ct = stop.Token;

await using var dataSource = SerpDatabase.CreateDataSource(options.ConnectionString);
var contextOptions = SerpDatabase.Configure(new DbContextOptionsBuilder<SerpDbContext>(), dataSource).Options;
var dbFactory = new PooledDbContextFactory<SerpDbContext>((DbContextOptions<SerpDbContext>)contextOptions);
var naive = new NaiveQueries(dataSource);
var data = await DeskData.LoadAsync(dataSource, ct);
var report = new DeskReport();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{data.Orders:N0} orders; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; {options.Calls} calls per case after {options.Warmup} warm-up calls"));

await OrdersBench.RunAsync(new OrderQueries(dbFactory), naive, data, report, options.Calls, options.Warmup, ct);
await DetailBench.RunAsync(new OrderDetailQueries(dbFactory), naive, data, report, options.Calls, options.Warmup, ct);
await CustomerBench.RunAsync(new CustomerQueries(dbFactory), new CustomerListQueries(dbFactory), data, report, options.Calls, options.Warmup, ct);
await SearchBench.RunAsync(new DeskSearch(dbFactory, NullLogger<DeskSearch>.Instance), naive, data, report, options.Calls, options.Warmup, ct);

if (options.App is { } app)
{
    await AppBench.RunAsync(app, options.AppPid, naive, data, report, options.Calls, ct);
}

Console.WriteLine();
Console.WriteLine(report.Table());
Console.WriteLine(report.Notes());
return report.AllGoalsMet ? 0 : 2;
