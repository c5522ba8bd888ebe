using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DraftPad.Lint;

namespace DraftPad.Cli.Lint;

/// <summary>The three output formats of <c>draftpad lint</c>.</summary>
public static class DiagnosticFormats
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Where each rule is documented (SARIF helpUri, relative to the repository root).</summary>
    public const string RulesDocument = "docs/lint-rules.md";

    /// <summary>One line per finding, <c>file:line:column: severity ID: message</c>, then a summary line.</summary>
    public static string Text(string file, IReadOnlyList<LintDiagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
        {
            sb.Append(file).Append(':').Append(d.Range.Line).Append(':').Append(d.Range.Column).Append(": ")
              .Append(Level(d.Severity)).Append(' ').Append(d.RuleId).Append(": ").Append(d.Message);
            if (d.Fix is not null) sb.Append(" [fixable]");
            sb.Append('\n');
        }
        sb.Append(file).Append(": ").Append(Count(diagnostics, LintSeverity.Error)).Append(" error(s), ")
          .Append(Count(diagnostics, LintSeverity.Warning)).Append(" warning(s), ")
          .Append(Count(diagnostics, LintSeverity.Info)).Append(" info\n");
        return sb.ToString();
    }

    /// <summary>The same document shape as the server's <c>POST /api/lint</c>, plus the file.</summary>
    public static string Json(string file, IReadOnlyList<LintDiagnostic> diagnostics)
    {
        var items = new JsonArray();
        foreach (var d in diagnostics)
        {
            items.Add(new JsonObject
            {
                ["id"] = d.RuleId, ["severity"] = Level(d.Severity), ["message"] = d.Message,
                ["line"] = d.Range.Line, ["column"] = d.Range.Column, ["length"] = d.Range.Length, ["offset"] = d.Range.Offset,
                ["fixable"] = d.Fix is not null,
            });
        }
        var document = new JsonObject
        {
            ["file"] = file, ["diagnostics"] = items,
            ["errors"] = Count(diagnostics, LintSeverity.Error), ["warnings"] = Count(diagnostics, LintSeverity.Warning),
        };
        return document.ToJsonString(Indented) + "\n";
    }

    /// <summary>SARIF 2.1.0 with one run, every rule described, one result per finding.</summary>
    public static string Sarif(string file, IReadOnlyList<LintDiagnostic> diagnostics, IReadOnlyList<ILintRule> rules)
    {
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var ruleArray = new JsonArray();
        foreach (var rule in rules)
        {
            ruleArray.Add(new JsonObject
            {
                ["id"] = rule.Id,
                ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
                ["helpUri"] = RulesDocument + "#" + rule.Id.ToLowerInvariant(),
                ["defaultConfiguration"] = new JsonObject { ["level"] = SarifLevel(rule.Severity) },
            });
        }
        var results = new JsonArray();
        foreach (var d in diagnostics)
        {
            var result = new JsonObject
            {
                ["ruleId"] = d.RuleId,
                ["level"] = SarifLevel(d.Severity),
                ["message"] = new JsonObject { ["text"] = d.Message },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = file.Replace('\\', '/') },
                        ["region"] = new JsonObject
                        {
                            ["startLine"] = d.Range.Line, ["startColumn"] = d.Range.Column,
                            ["charOffset"] = d.Range.Offset, ["charLength"] = d.Range.Length,
                        },
                    },
                }),
            };
            if (ruleIndex.TryGetValue(d.RuleId, out var index)) result["ruleIndex"] = index;
            results.Add(result);
        }
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject { ["name"] = "draftpad", ["informationUri"] = RulesDocument, ["rules"] = ruleArray },
                },
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(Indented) + "\n";
    }

    private static int Count(IReadOnlyList<LintDiagnostic> diagnostics, LintSeverity severity) => diagnostics.Count(d => d.Severity == severity);

    private static string Level(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "info",
    };

    private static string SarifLevel(LintSeverity severity) => severity switch
    {
        LintSeverity.Error => "error",
        LintSeverity.Warning => "warning",
        _ => "note",
    };
}
