/** Time spent applying each invitation's updates, per 10 s window. */
export class BusyTime {
  private readonly windows = new Map<string, { since: number; ms: number }>();

  /** Adds `ms` to the invitation's current window; returns the window's total. */
  spend(invitationId: string, ms: number): number {
    const now = Date.now();
    let window = this.windows.get(invitationId);
    if (!window || now - window.since > 10_000) this.windows.set(invitationId, (window = { since: now, ms: 0 }));
    window.ms += ms;
    return window.ms;
  }
}
