using System.Net.Http.Json;

namespace Serp.Admin.Integrations.Slack;

/// <summary>
/// Posts a message to a Slack incoming webhook (<c>{"text": ...}</c>). One attempt per call: the alert notifier
/// keeps what is owed in the database and retries with backoff, so a Slack outage never holds anything up.
/// The webhook URL is a secret: it is never logged.
/// </summary>
public sealed class SlackClient(IHttpClientFactory httpFactory)
{
    public const string HttpClientName = "slack";

    public async Task PostAsync(Uri webhookUrl, string text, CancellationToken ct)
    {
        using var http = httpFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(webhookUrl, new { text }, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new SlackException($"Slack could not be reached ({ex.HttpRequestError}).", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new SlackException("Slack did not answer in time.", ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                throw new SlackException($"Slack answered {(int)response.StatusCode}: {(body.Length > 200 ? body[..200] : body)}");
            }
        }
    }
}

public sealed class SlackException : Exception
{
    public SlackException() { }
    public SlackException(string message) : base(message) { }
    public SlackException(string message, Exception inner) : base(message, inner) { }
}
