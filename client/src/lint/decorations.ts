// Server findings → CodeMirror lint diagnostics. Offsets are UTF-16 code units into the
// pad's text, the same unit CodeMirror counts in, so the only work is clamping: findings
// are computed on the server's copy, and ours may be shorter for a moment.
import type { Action, Diagnostic } from '@codemirror/lint';
import type { PadDiagnostic } from './diagnostics';

export type FixHandler = (finding: PadDiagnostic) => void;

export interface MappedDiagnostic extends Diagnostic {
  /** The server's finding, kept for the list and for ApplyFix (which wants the server's offset). */
  finding: PadDiagnostic;
}

export function toEditorDiagnostics(findings: readonly PadDiagnostic[], docLength: number, onFix?: FixHandler): MappedDiagnostic[] {
  return findings.map((finding) => {
    const from = Math.min(finding.offset, docLength);
    const to = Math.min(Math.max(from, finding.offset + finding.length), docLength);
    const actions: Action[] =
      finding.fixable && onFix ? [{ name: 'Fix', apply: () => onFix(finding) }] : [];
    return {
      from,
      to,
      severity: finding.severity,
      message: finding.message,
      source: finding.id,
      actions,
      finding,
    };
  });
}
