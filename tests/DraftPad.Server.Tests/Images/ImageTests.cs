using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DraftPad.Server.Tests.Support;

namespace DraftPad.Server.Tests.Images;

/// <summary>Images attached to a pad: upload, list, serve, delete, and every refusal.</summary>
public sealed class ImageTests
{
    private static readonly string Pad = TestPads.Current;
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 1, 2, 3, 4];

    private static ByteArrayContent Body(byte[] bytes, string type = "image/png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    [Fact]
    public async Task Upload_list_download_and_delete_an_image()
    {
        await using var host = await ServerHost.StartAsync();
        var http = host.Http();
        await http.PostAsync($"api/pads/{Pad}", null);
        var created = await http.PutAsync($"api/pads/{Pad}/images/summit-28.png", Body(Png));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var info = await created.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal($"/images/newsletter/{TestPads.CurrentId.DefaultReleaseDate:yyyy-MM-dd}/summit-28.png", info!["sitePath"].ToString());

        var list = await http.GetStringAsync($"api/pads/{Pad}/images");
        Assert.Contains("\"name\":\"summit-28.png\"", list);
        Assert.Contains("\"size\":12", list);

        var download = await http.GetAsync($"api/pads/{Pad}/images/summit-28.png");
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"api/pads/{Pad}/images/summit-28.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"api/pads/{Pad}/images/summit-28.png")).StatusCode);
    }

    [Fact]
    public async Task Bad_names_empty_or_large_bodies_and_read_only_users_are_refused()
    {
        await using var host = await ServerHost.StartAsync(new Dictionary<string, string> { ["Limits:MaxImageBytes"] = "100" });
        var http = host.Http();
        await http.PostAsync($"api/pads/{Pad}", null);
        foreach (var name in new[] { "..%2Fescape.png", "notes.txt", ".hidden.png", "with%20space.png" })
        {
            var response = await http.PutAsync($"api/pads/{Pad}/images/{name}", Body(Png));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        var empty = await http.PutAsync($"api/pads/{Pad}/images/a.png", Body([]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var big = await http.PutAsync($"api/pads/{Pad}/images/a.png", Body(new byte[101]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("Limits:MaxImageBytes", await big.Content.ReadAsStringAsync());

        await host.Http(ServerHost.MaintainerToken).PatchAsJsonAsync($"api/pads/{Pad}", new { status = "closed" });
        var closed = await http.PutAsync($"api/pads/{Pad}/images/late.png", Body(Png));
        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        var maintainer = await host.Http(ServerHost.MaintainerToken).PutAsync($"api/pads/{Pad}/images/late.png", Body(Png));
        Assert.Equal(HttpStatusCode.Created, maintainer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsync("api/pads/2026-10/images/a.png", Body(Png))).StatusCode);
    }

    [Fact]
    public async Task Images_survive_a_restart()
    {
        string data;
        await using (var host = await ServerHost.StartAsync())
        {
            host.KeepData = true;
            data = host.DataDirectory;
            await host.Http().PostAsync($"api/pads/{Pad}", null);
            await host.Http().PutAsync($"api/pads/{Pad}/images/banner.jpg", Body(Png, "image/jpeg"));
        }
        await using var restarted = await ServerHost.StartAsync(dataDirectory: data);
        Assert.Equal(Png, await restarted.Http().GetByteArrayAsync($"api/pads/{Pad}/images/banner.jpg"));
    }
}
