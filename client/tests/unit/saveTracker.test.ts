import { describe, expect, it } from 'vitest';
import { SaveTracker } from '../../src/net/saveTracker';

describe('save tracker', () => {
  it('is saved only when every change was acknowledged', () => {
    const t = new SaveTracker();
    expect(t.saved).toBe(true);
    const a = t.change();
    const b = t.change();
    expect(t.pending).toBe(2);
    t.acknowledged([b]);
    expect(t.saved).toBe(false);
    t.acknowledged([a]);
    expect(t.saved).toBe(true);
  });

  it('lets a sync step 2 cover every change made before it was encoded', () => {
    const t = new SaveTracker();
    t.change();
    t.change();
    const covered = t.latest;
    const later = t.change();
    t.acknowledgedUpTo(covered);
    expect(t.pending).toBe(1);
    t.acknowledged([later]);
    expect(t.saved).toBe(true);
  });
});
