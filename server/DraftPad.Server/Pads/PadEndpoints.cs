using System.Globalization;
using DraftPad.Server.Access;

namespace DraftPad.Server.Pads;

/// <summary>A pad as the REST API shows it.</summary>
/// <param name="Id">The month, YYYY-MM.</param>
/// <param name="Title">"The XMPP Newsletter November 2026".</param>
/// <param name="Status">open, closed or exported.</param>
/// <param name="ReleaseDate">Planned release date, YYYY-MM-DD.</param>
/// <param name="StoredBytes">Stored size (snapshot and log).</param>
public sealed record PadInfo(string Id, string Title, string Status, string ReleaseDate, long StoredBytes);

/// <summary>Body of <c>POST /api/pads/{id}</c> (optional).</summary>
/// <param name="ReleaseDate">Planned release date, YYYY-MM-DD (default: the 5th of the next month).</param>
public sealed record CreatePadRequest(string? ReleaseDate);

/// <summary>Body of <c>PATCH /api/pads/{id}</c>: what to change (maintainers).</summary>
/// <param name="Status">open, closed or exported.</param>
/// <param name="ReleaseDate">YYYY-MM-DD.</param>
public sealed record UpdatePadRequest(string? Status, string? ReleaseDate);

/// <summary>The pads REST API under <c>/api/pads</c>.</summary>
public static class PadEndpoints
{
    /// <summary>Maps list, create, read (info, markdown, state) and update.</summary>
    public static IEndpointRouteBuilder MapPads(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/pads").WithTags("Pads");

        group.MapGet("/", async (PadManager pads) =>
        {
            var list = new List<PadInfo>();
            foreach (var id in await pads.ListAsync())
            {
                if (await pads.GetAsync(id) is { } pad) list.Add(await InfoAsync(pads, pad));
            }
            return TypedResults.Ok(list);
        }).WithSummary("Lists the pads, newest month last.");

        group.MapGet("/{id}", (string id, PadManager pads) => WithPad(id, pads, async pad => Results.Ok(await InfoAsync(pads, pad))))
            .WithSummary("One pad's status and release date.")
            .Produces<PadInfo>();

        group.MapPost("/{id}", async (string id, CreatePadRequest? body, PadManager pads, PadUserResolver users, HttpContext http) =>
        {
            if (!PadId.TryParse(id, out var padId)) return BadId(id);
            DateOnly? release = null;
            if (body?.ReleaseDate is { } text)
            {
                if (!TryParseDate(text, out var date)) return BadDate(text);
                release = date;
            }
            return await Guarded(async () =>
            {
                var pad = await pads.CreateAsync(padId, users.Resolve(http.User), release);
                return Results.Created($"/api/pads/{padId}", await InfoAsync(pads, pad));
            });
        }).WithSummary("Creates a month's pad from the newsletter skeleton.")
          .Produces<PadInfo>(StatusCodes.Status201Created)
          .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPatch("/{id}", (string id, UpdatePadRequest body, PadManager pads, PadUserResolver users, HttpContext http) =>
        {
            PadStatus? status = null;
            if (body.Status is { } s)
            {
                if (!PadMeta.TryParseStatus(s, out var parsed)) return Task.FromResult(Problem(400, "Bad status", $"Unknown status '{s}': use open, closed or exported."));
                status = parsed;
            }
            DateOnly? release = null;
            if (body.ReleaseDate is { } text)
            {
                if (!TryParseDate(text, out var date)) return Task.FromResult(BadDate(text));
                release = date;
            }
            return WithPad(id, pads, async pad =>
            {
                await pads.UpdateMetaAsync(pad, users.Resolve(http.User), status, release);
                return Results.Ok(await InfoAsync(pads, pad));
            });
        }).WithSummary("Changes a pad's status or release date (maintainers).")
          .Produces<PadInfo>();

        group.MapGet("/{id}/markdown", (string id, PadManager pads) =>
            WithPad(id, pads, async pad => Results.Text(await pads.ReadMarkdownAsync(pad), "text/markdown; charset=utf-8")))
            .WithSummary("The pad's markdown.")
            .Produces<string>(contentType: "text/markdown");

        group.MapGet("/{id}/state", (string id, PadManager pads) =>
            WithPad(id, pads, async pad => Results.Bytes(await pads.EncodeStateAsync(pad), "application/octet-stream")))
            .WithSummary("The pad's full state as a Yjs V1 update.")
            .Produces<byte[]>(contentType: "application/octet-stream");

        return endpoints;
    }

    private static async Task<PadInfo> InfoAsync(PadManager pads, Pad pad) =>
        await pads.ReadAsync(pad, p => new PadInfo(
            p.Id.ToString(),
            "The XMPP Newsletter " + p.Id.DisplayName,
            p.Status.ToString().ToLowerInvariant(),
            p.ReleaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            p.StoredBytes));

    internal static async Task<IResult> WithPad(string id, PadManager pads, Func<Pad, Task<IResult>> action)
    {
        if (!PadId.TryParse(id, out var padId)) return BadId(id);
        return await Guarded(async () =>
        {
            var pad = await pads.GetRequiredAsync(padId);
            await pads.RefreshAsync(pad); // several nodes: answer with what is stored, not only what this node has read
            return await action(pad);
        });
    }

    /// <summary>Maps refusals to problem responses with the refusal's message.</summary>
    internal static async Task<IResult> Guarded(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (PadRejectedException e)
        {
            return Problem(StatusOf(e.Kind), e.Kind.ToString(), e.Message);
        }
    }

    internal static int StatusOf(PadRejection kind) => kind switch
    {
        PadRejection.Invalid => 400,
        PadRejection.Forbidden => 403,
        PadRejection.NotFound => 404,
        PadRejection.Conflict => 409,
        PadRejection.TooLarge => 413,
        PadRejection.TooManyRequests => 429,
        PadRejection.Unavailable => 503,
        PadRejection.Unprocessable => 422,
        PadRejection.BadGateway => 502,
        _ => 500,
    };

    internal static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);

    private static IResult BadId(string id) => Problem(400, "Bad pad id", $"Unknown pad id '{id}': {PadId.FormatError}");

    private static IResult BadDate(string text) => Problem(400, "Bad date", $"'{text}' is not a date written YYYY-MM-DD.");

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
