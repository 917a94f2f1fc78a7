// A sliding one-second window, as the fake platforms use to enforce a documented rate limit.
export class SlidingWindow {
  private recent: number[] = [];
  /** Requests refused so far. */
  refused = 0;

  constructor(readonly perSecond: number) {}

  /** Admits a request now, or says how many seconds until one would be admitted. */
  admit(now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
    this.recent = this.recent.filter((t) => t > now - 1000);
    if (this.recent.length < this.perSecond) {
      this.recent.push(now);
      return { ok: true };
    }
    this.refused++;
    return { ok: false, retryAfter: Math.max(0.001, (this.recent[0]! + 1000 - now) / 1000) };
  }
}
