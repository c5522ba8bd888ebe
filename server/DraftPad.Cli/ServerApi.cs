using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DraftPad.Cli;

/// <summary>
/// The DraftPad server's REST API (docs/protocol.md) as the CLI uses it. The token comes from
/// <c>--token</c>, else <c>DRAFTPAD_TOKEN</c>; failures become one line with the server's problem detail.
/// </summary>
public sealed class ServerApi : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Connects to <paramref name="server"/> with an optional bearer token.</summary>
    public ServerApi(string server, string? token)
    {
        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server '{server}' is not an http(s) URL.");
        }
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
        if (!string.IsNullOrEmpty(token)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Creates the client from a command line's <c>--server</c> and <c>--token</c>.</summary>
    public static ServerApi From(CommandLine line, Func<string, string?> environment) =>
        new(line.Require("server", "the DraftPad server's URL, e.g. http://127.0.0.1:5080"), line.Get("token") ?? environment("DRAFTPAD_TOKEN"));

    /// <summary>GET returning JSON.</summary>
    public async Task<JsonNode> GetJsonAsync(string path) => await ReadJsonAsync(await SendAsync(HttpMethod.Get, path, null));

    /// <summary>GET returning text.</summary>
    public async Task<string> GetTextAsync(string path) => await (await SendAsync(HttpMethod.Get, path, null)).Content.ReadAsStringAsync();

    /// <summary>GET returning bytes.</summary>
    public async Task<byte[]> GetBytesAsync(string path) => await (await SendAsync(HttpMethod.Get, path, null)).Content.ReadAsByteArrayAsync();

    /// <summary>POST a JSON body (or none), returning JSON.</summary>
    public async Task<JsonNode> PostJsonAsync(string path, object? body) =>
        await ReadJsonAsync(await SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body)));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await _http.SendAsync(request);
        if (response.IsSuccessStatusCode) return response;
        throw new ServerProblemException((int)response.StatusCode, await DescribeAsync(response));
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem)
            {
                var title = problem["title"]?.GetValue<string>();
                var detail = problem["detail"]?.GetValue<string>();
                return $"{(int)response.StatusCode} {title}{(detail is null ? "" : ": " + detail)}";
            }
        }
        catch (JsonException)
        {
        }
        return $"{(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new IOException("The server answered with an empty body.");

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>The server refused a request; <see cref="Status"/> is its HTTP status.</summary>
public sealed class ServerProblemException(int status, string message) : Exception(message)
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;
}
