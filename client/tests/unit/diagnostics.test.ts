import { describe, expect, it, vi } from 'vitest';
import { countBySeverity, parseDiagnostics } from '../../src/lint/diagnostics';
import { toEditorDiagnostics } from '../../src/lint/decorations';

const json = JSON.stringify({
  padId: '2026-11',
  errors: 1,
  diagnostics: [
    { id: 'NL020', severity: 'warning', message: 'Trailing space', line: 3, column: 5, length: 1, offset: 40, fixable: true },
    { id: 'NL012', severity: 'error', message: 'Missing section', line: 1, column: 1, length: 5, offset: 0, fixable: false },
    { id: 'BAD', severity: 'error', message: 'no offset' },
    { id: 'NL099', severity: 'fatal', message: 'odd severity', line: 2, column: 1, length: 0, offset: 10 },
  ],
});

describe('diagnostics', () => {
  it('parses, drops malformed entries and sorts by position', () => {
    const doc = parseDiagnostics(json);
    expect(doc.padId).toBe('2026-11');
    expect(doc.diagnostics.map((d) => d.id)).toEqual(['NL012', 'NL099', 'NL020']);
    expect(doc.diagnostics[1]!.severity).toBe('info');
    expect(countBySeverity(doc.diagnostics)).toEqual({ error: 1, warning: 1, info: 1 });
  });

  it('reads the /api/lint shape (no padId)', () => {
    expect(parseDiagnostics({ diagnostics: [] })).toEqual({ padId: null, diagnostics: [] });
  });

  it('maps findings to CodeMirror ranges, clamped to the document', () => {
    const { diagnostics } = parseDiagnostics(json);
    const mapped = toEditorDiagnostics(diagnostics, 42);
    expect(mapped.map(({ from, to, severity, source }) => ({ from, to, severity, source }))).toEqual([
      { from: 0, to: 5, severity: 'error', source: 'NL012' },
      { from: 10, to: 10, severity: 'info', source: 'NL099' },
      { from: 40, to: 41, severity: 'warning', source: 'NL020' },
    ]);
    const short = toEditorDiagnostics(diagnostics, 3);
    expect(short.map((d) => [d.from, d.to])).toEqual([[0, 3], [3, 3], [3, 3]]);
  });

  it('offers Fix only for fixable findings, with the server offset', () => {
    const onFix = vi.fn();
    const mapped = toEditorDiagnostics(parseDiagnostics(json).diagnostics, 5, onFix);
    expect(mapped[0]!.actions).toEqual([]);
    const fix = mapped[2]!.actions![0]!;
    expect(fix.name).toBe('Fix');
    fix.apply(undefined as never, 0, 0);
    expect(onFix).toHaveBeenCalledWith(expect.objectContaining({ id: 'NL020', offset: 40 }));
  });
});
