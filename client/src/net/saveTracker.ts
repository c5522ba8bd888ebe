// "All changes saved" means: every local change has been acknowledged by a Send invoke that
// carried it. A change is carried either by its own update message or by a sync step 2,
// which holds everything the server lacked when it was encoded (so it covers every change
// made up to that moment, including those made offline). The tracker numbers local changes
// and forgets a number once an acknowledged message is known to have carried it.

export class SaveTracker {
  private next = 1;
  private readonly unacked = new Set<number>();

  /** Records a local change; returns its number for the message that will carry it. */
  change(): number {
    const seq = this.next++;
    this.unacked.add(seq);
    return seq;
  }

  /** The number of the latest change (what a step 2 encoded now would cover). */
  get latest(): number {
    return this.next - 1;
  }

  /** An update message carrying exactly these changes was acknowledged. */
  acknowledged(seqs: Iterable<number>): void {
    for (const seq of seqs) this.unacked.delete(seq);
  }

  /** A sync step 2 encoded when `latest` was `upTo` was acknowledged. */
  acknowledgedUpTo(upTo: number): void {
    for (const seq of [...this.unacked]) if (seq <= upTo) this.unacked.delete(seq);
  }

  get pending(): number {
    return this.unacked.size;
  }

  get saved(): boolean {
    return this.unacked.size === 0;
  }
}
