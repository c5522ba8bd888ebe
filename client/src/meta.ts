// The pad's Y.Map `meta` as the UI reads it: status, release date and the last export.
// Unknown values take the safe side, as the server does (an unknown status reads as closed).
import type * as Y from 'yjs';

export type PadStatus = 'open' | 'closed' | 'exported';

export interface LastExport {
  outcome: string;
  branch: string;
  commit: string;
  pullRequestNumber: number | null;
  pullRequestUrl: string | null;
  at: string;
  by: string;
}

export interface PadMetaView {
  status: PadStatus;
  releaseDate: string | null;
  lastExport: LastExport | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function readMeta(meta: Y.Map<unknown>): PadMetaView {
  const status = meta.get('status');
  const release = str(meta.get('releaseDate'));
  const raw = meta.get('export');
  let lastExport: LastExport | null = null;
  if (raw && typeof raw === 'object') {
    const e = raw as Record<string, unknown>;
    const commit = str(e.commit);
    if (commit) {
      lastExport = {
        outcome: str(e.outcome) ?? '',
        branch: str(e.branch) ?? '',
        commit,
        pullRequestNumber: typeof e.pullRequestNumber === 'number' ? e.pullRequestNumber : null,
        pullRequestUrl: str(e.pullRequestUrl),
        at: str(e.at) ?? '',
        by: str(e.by) ?? '',
      };
    }
  }
  return {
    // A pad whose meta has not arrived yet has no status at all: treat it as open until the
    // server says otherwise (the server refuses edits anyway if it is not).
    status: status === undefined ? 'open' : status === 'open' || status === 'exported' ? status : 'closed',
    releaseDate: release && /^\d{4}-\d{2}-\d{2}$/.test(release) ? release : null,
    lastExport,
  };
}

/** Contributors may edit open pads only; maintainers always (the server decides; this only avoids refused edits). */
export const mayEdit = (status: PadStatus, isMaintainer: boolean): boolean => isMaintainer || status === 'open';
