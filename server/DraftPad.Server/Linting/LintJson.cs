using System.Text.Json;
using System.Text.Json.Serialization;

namespace DraftPad.Server.Linting;

/// <summary>The diagnostics document sent to clients (hub <c>Diagnostics</c>) and returned by <c>POST /api/lint</c>.</summary>
/// <param name="PadId">The pad (null for <c>/api/lint</c>).</param>
/// <param name="Diagnostics">Findings, in text order.</param>
public sealed record DiagnosticsDocument(string? PadId, IReadOnlyList<PadDiagnostic> Diagnostics)
{
    /// <summary>Number of errors.</summary>
    public int Errors => Diagnostics.Count(d => d.Severity == "error");

    /// <summary>Number of warnings.</summary>
    public int Warnings => Diagnostics.Count(d => d.Severity == "warning");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DiagnosticsDocument))]
internal sealed partial class LintJsonContext : JsonSerializerContext
{
    public static string Serialize(DiagnosticsDocument document) => JsonSerializer.Serialize(document, Default.DiagnosticsDocument);
}
