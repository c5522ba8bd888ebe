namespace DraftPad.Server.Pads;

/// <summary>Why a pad refused a request; the hub turns it into a HubException, REST into a problem response.</summary>
public sealed class PadRejectedException(PadRejection kind, string message) : Exception(message)
{
    /// <summary>The kind of refusal (maps to an HTTP status).</summary>
    public PadRejection Kind { get; } = kind;
}

/// <summary>Kinds of refusal.</summary>
public enum PadRejection
{
    /// <summary>Malformed input (400).</summary>
    Invalid,

    /// <summary>Not allowed for this user (403).</summary>
    Forbidden,

    /// <summary>No such pad (404).</summary>
    NotFound,

    /// <summary>Already exists, or conflicts with the pad's state (409).</summary>
    Conflict,

    /// <summary>Over a size limit (413).</summary>
    TooLarge,

    /// <summary>Over a rate limit (429).</summary>
    TooManyRequests,

    /// <summary>The server could not do it now, e.g. storage failed (503).</summary>
    Unavailable,

    /// <summary>Well-formed but not acceptable as it is, e.g. a draft with lint errors (422).</summary>
    Unprocessable,

    /// <summary>An upstream service (GitHub) refused or failed (502).</summary>
    BadGateway,
}
