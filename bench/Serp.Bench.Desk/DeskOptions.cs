using System.Globalization;

namespace Serp.Bench.Desk;

public sealed record DeskOptions(string ConnectionString, Uri? App, int AppPid, int Calls, int Warmup)
{
    public static DeskOptions Parse(string[] args)
    {
        string? cs = null;
        Uri? app = null;
        int calls = 200, warmup = 20, appPid = 0;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--pg": cs = value; break;
                case "--app": app = new Uri(value); break;
                case "--app-pid": appPid = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--calls": calls = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
            i++;
        }
        return new DeskOptions(cs ?? throw new ArgumentException("--pg is required"), app, appPid, calls, warmup);
    }
}
