using DraftPad.Export.Rendering;
using DraftPad.Server.Access;
using DraftPad.Server.Guards;
using DraftPad.Server.Pads;
using DraftPad.Server.Storage;
using Microsoft.Extensions.Options;

namespace DraftPad.Server.Images;

/// <summary>An image of a pad as the API lists it.</summary>
/// <param name="Name">File name.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Url">Where this server serves it.</param>
/// <param name="SitePath">What the post's figure shortcode must point at: <c>/images/newsletter/&lt;release-date&gt;/&lt;name&gt;</c>.</param>
public sealed record PadImageInfo(string Name, string ContentType, long Size, string Url, string SitePath);

/// <summary>Images attached to a pad (<c>/api/pads/{id}/images</c>); the export writes them next to the post.</summary>
public static class ImageEndpoints
{
    private static readonly Dictionary<string, string> TypesByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif", [".webp"] = "image/webp", [".svg"] = "image/svg+xml",
    };

    /// <summary>Maps list, upload (PUT raw bytes), download and delete.</summary>
    public static IEndpointRouteBuilder MapImages(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/pads/{id}/images").WithTags("Images");

        group.MapGet("/", (string id, PadManager pads, IPadStore store) => PadEndpoints.WithPad(id, pads, async pad =>
        {
            var release = await pads.ReadAsync(pad, p => p.ReleaseDate);
            var images = await store.ListImagesAsync(pad.Id);
            return Results.Ok(images.Select(i => Info(pad.Id, release, i)).ToList());
        })).WithSummary("The pad's images.").Produces<List<PadImageInfo>>();

        group.MapPut("/{name}", (string id, string name, HttpRequest request, PadManager pads, IPadStore store, PadUserResolver users, IOptions<LimitsOptions> limits) =>
            PadEndpoints.WithPad(id, pads, async pad =>
            {
                if (!PostLayout.IsValidImageName(name) || !TypesByExtension.TryGetValue(Path.GetExtension(name), out var type))
                {
                    return PadEndpoints.Problem(400, "Bad image name", $"'{name}' is not allowed: use letters, digits, '.', '_' or '-' and one of {string.Join(", ", TypesByExtension.Keys)}.");
                }
                await pads.EnsureCanEditAsync(pad, users.Resolve(request.HttpContext.User));
                var max = limits.Value.MaxImageBytes;
                if (request.ContentLength > max) return TooLarge(max);
                var content = await ReadLimitedAsync(request.Body, max);
                if (content is null) return TooLarge(max);
                if (content.Length == 0) return PadEndpoints.Problem(400, "Empty image", "The request body is empty: send the image's bytes.");
                var existing = await store.ListImagesAsync(pad.Id);
                if (existing.Count >= limits.Value.MaxImagesPerPad && existing.All(i => i.Name != name))
                {
                    return PadEndpoints.Problem(413, "Too many images", $"Pad {pad.Id} already holds {existing.Count} images (Limits:MaxImagesPerPad).");
                }
                await store.SaveImageAsync(pad.Id, new StoredImage(name, type, content, content.Length));
                var release = await pads.ReadAsync(pad, p => p.ReleaseDate);
                return Results.Created($"/api/pads/{pad.Id}/images/{name}", Info(pad.Id, release, new StoredImage(name, type, [], content.Length)));
            }))
            .WithSummary("Uploads an image (the raw bytes as the body).")
            .Produces<PadImageInfo>(StatusCodes.Status201Created);

        group.MapGet("/{name}", (string id, string name, HttpContext http, PadManager pads, IPadStore store) => PadEndpoints.WithPad(id, pads, async pad =>
        {
            if (await store.GetImageAsync(pad.Id, name) is not { } image) return PadEndpoints.Problem(404, "No such image", $"Pad {pad.Id} has no image '{name}'.");
            // An SVG may hold script: never let it run in our origin.
            http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            return Results.Bytes(image.Content, image.ContentType);
        })).WithSummary("One image's bytes.");

        group.MapDelete("/{name}", (string id, string name, HttpContext http, PadManager pads, IPadStore store, PadUserResolver users) => PadEndpoints.WithPad(id, pads, async pad =>
        {
            await pads.EnsureCanEditAsync(pad, users.Resolve(http.User));
            return await store.DeleteImageAsync(pad.Id, name) ? Results.NoContent() : PadEndpoints.Problem(404, "No such image", $"Pad {pad.Id} has no image '{name}'.");
        })).WithSummary("Removes an image.");

        return endpoints;
    }

    private static PadImageInfo Info(PadId id, DateOnly release, StoredImage image) =>
        new(image.Name, image.ContentType, image.Size, $"/api/pads/{id}/images/{image.Name}", PostLayout.ImageUrl(release, image.Name));

    private static IResult TooLarge(int max) =>
        PadEndpoints.Problem(413, "Image too large", $"Images may be at most {max} bytes (Limits:MaxImageBytes).");

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int max)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
