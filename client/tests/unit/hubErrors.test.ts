import { describe, expect, it } from 'vitest';
import { classifyFailure, refusalReason } from '../../src/net/hubErrors';

const refusal = (reason: string) => new Error(`An unexpected error occurred invoking 'Send' on the server. HubException: ${reason}`);

describe('hub failures', () => {
  it('extracts the server reason', () => {
    expect(refusalReason(refusal('Pad 2026-11 is closed: only maintainers may edit it now.'))).toBe('Pad 2026-11 is closed: only maintainers may edit it now.');
    expect(refusalReason(new Error('Invocation canceled due to the underlying connection being closed.'))).toBeNull();
  });

  it('retries rate limits and storage failures, re-syncs missing dependencies, reports the rest', () => {
    expect(classifyFailure(refusal('Too many messages: at most 60 per second (burst 240); this one was dropped.')).action).toBe('retry');
    expect(classifyFailure(refusal('The server could not store this change (disk); it was not acknowledged. Send it again.')).action).toBe('retry');
    expect(classifyFailure(refusal('The update depends on changes the server does not have; sync first (send sync step 1).')).action).toBe('resync');
    expect(classifyFailure(refusal('Join pad 2026-11 before sending to it.')).action).toBe('resync');
    expect(classifyFailure(refusal('Pad 2026-11 is closed: only maintainers may edit it now.'))).toEqual({ action: 'refused', reason: 'Pad 2026-11 is closed: only maintainers may edit it now.' });
    expect(classifyFailure(new Error('WebSocket closed with status code: 1006')).action).toBe('connection');
  });
});
