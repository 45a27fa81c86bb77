import type { InvitationRecord } from '../../shared/model/invitation';
import type { HubLimits } from './hubLimits';

/** Whether a presence state claims no more than the invitation grants (role, delegation, seat). */
function presenceMatches(state: Record<string, unknown>, invitation: InvitationRecord): boolean {
  const data = state.awarenessData as { role?: unknown; delegation?: unknown } | undefined;
  if (data?.role !== undefined && data.role !== invitation.role) return false;
  if (data?.delegation !== undefined && data.delegation !== invitation.delegation) return false;
  const seat = state.participant;
  if (seat !== undefined && (typeof seat !== 'string' || !seat.startsWith(`${invitation.role}|${invitation.delegation ?? ''}|`))) return false;
  return true;
}

interface Budget {
  tokens: number;
  at: number;
  /** The latest presence message held back by the rate limit, sent when the budget allows. */
  held: (() => void) | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Presence (cursors, who is here) is relayed to everyone in a room, so what one connection may
 * put there is bounded: only entries it owns (first come), claiming only its own invitation, of a
 * limited size and number, at a limited rate. Messages over the rate are not dropped but held,
 * latest wins, so the last cursor position always arrives.
 */
export class PresenceGate {
  private readonly owners = new Map<number, object>();
  private readonly entries = new Map<object, Set<number>>();
  private readonly budgets = new Map<object, Budget>();

  constructor(private readonly limits: HubLimits) {}

  /**
   * `known` is the clock the room's presence holds for this client. Stock y-websocket clients send
   * back every entry they receive: someone else's entry at a clock the room already holds is such
   * an echo, skipped; a newer one is a claim on someone else's presence, refused.
   */
  judge(peer: object, clientId: number, state: Record<string, unknown> | null, bytes: number, clock: number, known: number | undefined, invitation: InvitationRecord): 'apply' | 'skip' | 'refuse' {
    const owner = this.owners.get(clientId);
    if (owner && owner !== peer) return known !== undefined && clock <= known ? 'skip' : 'refuse';
    if (!owner && known !== undefined && clock <= known) return 'skip';
    if (state === null) return 'apply';
    if (bytes > this.limits.maxPresenceBytes || !presenceMatches(state, invitation)) return 'refuse';
    let own = this.entries.get(peer);
    if (!own) this.entries.set(peer, (own = new Set()));
    if (!own.has(clientId) && own.size >= this.limits.maxPresenceEntries) return 'refuse';
    own.add(clientId);
    this.owners.set(clientId, peer);
    return 'apply';
  }

  /** True to deliver now; false when held back, `deliver` then runs once the budget allows. */
  admitNow(peer: object, deliver: () => void): boolean {
    const rate = this.limits.presencePerSecond;
    const now = Date.now();
    let budget = this.budgets.get(peer);
    if (!budget) this.budgets.set(peer, (budget = { tokens: rate, at: now, held: null, timer: null }));
    budget.tokens = Math.min(rate, budget.tokens + ((now - budget.at) / 1000) * rate);
    budget.at = now;
    if (budget.tokens >= 1 && !budget.held) {
      budget.tokens -= 1;
      return true;
    }
    budget.held = deliver;
    if (!budget.timer) {
      const b = budget;
      b.timer = setTimeout(() => {
        b.timer = null;
        const held = b.held;
        b.held = null;
        b.tokens = Math.max(0, b.tokens - 1);
        held?.();
      }, Math.ceil(1000 / rate));
    }
    return false;
  }

  forget(peer: object): void {
    for (const clientId of this.entries.get(peer) ?? []) if (this.owners.get(clientId) === peer) this.owners.delete(clientId);
    this.entries.delete(peer);
    const budget = this.budgets.get(peer);
    if (budget?.timer) clearTimeout(budget.timer);
    this.budgets.delete(peer);
  }
}
