// The linter's findings as the server sends them (hub `Diagnostics(padId, json)`, or the
// response of POST /api/lint), validated field by field: a malformed entry is dropped
// rather than allowed to break the editor.

export type Severity = 'error' | 'warning' | 'info';

export interface PadDiagnostic {
  id: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  /** UTF-16 code units into `content`, as CodeMirror counts. */
  offset: number;
  length: number;
  fixable: boolean;
}

export interface DiagnosticsDocument {
  padId: string | null;
  diagnostics: PadDiagnostic[];
}

const severities: readonly string[] = ['error', 'warning', 'info'];

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function parseOne(raw: unknown): PadDiagnostic | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const d = raw as Record<string, unknown>;
  if (typeof d.id !== 'string' || typeof d.message !== 'string') return null;
  if (!isCount(d.offset) || !isCount(d.length)) return null;
  return {
    id: d.id,
    severity: typeof d.severity === 'string' && severities.includes(d.severity) ? (d.severity as Severity) : 'info',
    message: d.message,
    line: isCount(d.line) ? d.line : 0,
    column: isCount(d.column) ? d.column : 0,
    offset: d.offset,
    length: d.length,
    fixable: d.fixable === true,
  };
}

/** Parses a diagnostics document (a JSON string or an already parsed object). */
export function parseDiagnostics(json: string | unknown): DiagnosticsDocument {
  const raw: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (typeof raw !== 'object' || raw === null) throw new Error('diagnostics: expected an object');
  const doc = raw as Record<string, unknown>;
  const list = Array.isArray(doc.diagnostics) ? doc.diagnostics : [];
  const diagnostics = list.map(parseOne).filter((d): d is PadDiagnostic => d !== null);
  diagnostics.sort((a, b) => a.offset - b.offset);
  return { padId: typeof doc.padId === 'string' ? doc.padId : null, diagnostics };
}

export function countBySeverity(diagnostics: readonly PadDiagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
