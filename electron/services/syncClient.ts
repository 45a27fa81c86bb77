import { AccordError } from '../../shared/api/errors';
import { InvitationCode } from '../../shared/model/invitation';
import { type MeetingLocation, readMeetingLocation } from '../../shared/model/meetingLocation';
import type { MeetingParticipant, MeetingSyncStatus } from '../../shared/model/meeting';
import { EntityId } from '../../shared/model/meeting';
import { isSecretariatDocId, secretariatDocId } from '../../shared/model/secretariatDoc';
import type { AppStore, RemoteRow } from '../storage/appStore';
import type { Logger } from '../storage/logger';
import type { Replicas } from '../storage/replicas';
import { lookUpInvitation } from '../sync/invitationLookup';
import { MeetingLink, type SetAsideNotice } from './meetingLink';

export interface JoinRequest {
  hubUrl: string;
  code: string;
  name: string;
  /** Confirmed: the meeting may move here from the hub it is shared through. */
  move?: true;
}

/** "hub.example.org:4455" and "ws://…" both work; http(s) is turned into ws(s). */
export function normalizeHubUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `ws://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme.replace(/^http/i, 'ws'));
  } catch {
    throw new AccordError('invalid_request', `“${input}” is not a hub address. It looks like ws://192.168.1.10:4455.`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new AccordError('invalid_request', 'A hub address starts with ws:// or wss://.');
  return `${url.protocol}//${url.host}`;
}

/**
 * Main's side of collaboration: each joined meeting, and every document it lists, stays linked
 * to its hub for as long as the app runs. Edits land in SQLite first and reach the hub whenever
 * it can be reached; the CRDT merges on reconnect.
 */
export class SyncClient {
  private readonly links = new Map<string, MeetingLink>();
  private readonly listeners = new Set<(meetingId: string) => void>();
  /** The last change each meeting's hub refused and this laptop set aside, said in its status. */
  private readonly setAside = new Map<string, SetAsideNotice>();
  /** Meetings whose secretariat said they moved, while this laptop cannot follow yet: where to, and why not. */
  private readonly moves = new Map<string, { to: string; problem: 'unreachable' | 'refused'; retry: NodeJS.Timeout | null }>();
  /** Meetings being moved to the hub their notice names right now (one attempt at a time). */
  private readonly following = new Set<string>();
  /** Meetings hosted here now whose old hub's link ends once it has the notice. */
  private readonly leaving = new Set<string>();
  private readonly stopReplaced: () => void;

  constructor(
    private readonly deps: {
      store: AppStore;
      replicas: Replicas;
      log: Logger;
      now: () => number;
      fetch?: typeof fetch;
      /** Whether this computer hosts the meeting itself (it then needs no hub). */
      hostedHere?: (meetingId: string) => boolean;
      /** This laptop's id as a host, which a notice moving a meeting here names. */
      hostId?: () => string;
      /** How long to wait before trying again a hub a meeting moved to that did not answer. */
      followRetryMs?: number;
    },
  ) {
    // A replica rebuilt after a refused change is a new one: its meeting's links are made again.
    this.stopReplaced = this.deps.replicas.onReplaced((docId) => {
      for (const [meetingId, link] of [...this.links]) {
        if (!link.rooms.has(docId)) continue;
        link.destroy();
        this.links.delete(meetingId);
        this.link(link.remote);
      }
    });
  }

  /** Reconnects every meeting joined before; one that cannot be linked is logged, the others are. */
  start(): void {
    for (const remote of this.deps.store.listRemotes()) {
      try {
        this.link(remote);
      } catch (error) {
        this.deps.log.error('sync.link', { meeting: remote.meeting_id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  /** Called with a meeting's id when its links change: connected, synced, confirmed, refused. */
  onChange(listener: (meetingId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async join(request: JoinRequest): Promise<string> {
    const hubUrl = normalizeHubUrl(request.hubUrl);
    const code = InvitationCode.safeParse(request.code);
    if (!code.success) throw new AccordError('invalid_request', 'That is not an invitation code: it has 16 letters and digits, like K7QP-2M9X-4TWA-HC3R.');
    const grant = await lookUpInvitation(this.deps.fetch ?? fetch, hubUrl, request.code);
    const { store, now } = this.deps;
    // What the hub says is checked against what this computer holds: a hub cannot make a local
    // declaration into a meeting, nor silently move a meeting shared elsewhere onto itself.
    if (!EntityId.safeParse(grant.meetingId).success || isSecretariatDocId(grant.meetingId)) {
      throw new AccordError('internal', 'The hub sent a meeting id Accord does not accept.');
    }
    const local = store.getDoc(grant.meetingId);
    if (local && local.kind !== 'meeting') throw new AccordError('invalid_request', 'This invitation names something on this computer that is not a meeting.');
    const existing = store.getRemote(grant.meetingId);
    // A meeting moves to another hub where its secretariat's notice says it moved (a new code for
    // someone whose old one is not accepted there), or where the user confirms it after being told:
    // someone who missed the notice (the old hub gone) is given the new address by the secretariat,
    // and a hub of someone else's claiming this meeting would receive everything this laptop holds.
    if (existing && existing.hub_url !== hubUrl && !this.locationOf(grant.meetingId)?.addresses.includes(hubUrl) && !request.move) {
      throw new AccordError(
        'needs_confirmation',
        `This meeting is shared through ${existing.hub_url}, and this laptop has no notice from its secretariat that it moved to ${hubUrl}. Move it there only if the secretariat told you so: what this laptop holds of the meeting will be sent there.`,
      );
    }
    if (this.deps.hostedHere?.(grant.meetingId)) throw new AccordError('invalid_request', 'This meeting is hosted on this computer.');
    store.ensureDoc({ id: grant.meetingId, kind: 'meeting', meetingId: null, now: now() });
    const remote: RemoteRow = {
      meeting_id: grant.meetingId,
      hub_url: hubUrl,
      code: request.code.trim(),
      role: grant.role,
      delegation: grant.delegation,
      participant: request.name,
      joined_at: now(),
    };
    const link = this.relink(remote);
    if (!(await link.whenSynced(10_000))) {
      throw new AccordError('internal', 'Joined, but the meeting has not arrived from the hub yet. It will appear as soon as the hub answers.');
    }
    return grant.meetingId;
  }

  /**
   * Links a meeting to the hub this row names, in place of any link it had: saved first, so a
   * restart links it there too. The meeting's docs are the same; only where they sync changes.
   */
  relink(remote: RemoteRow): MeetingLink {
    const { store } = this.deps;
    const docIds = new Set([remote.meeting_id, secretariatDocId(remote.meeting_id), ...store.listMeetingDocs(remote.meeting_id).map((doc) => doc.id)]);
    store.moveRemote(remote, [...docIds]);
    this.unlink(remote.meeting_id);
    return this.link(remote);
  }

  /** This laptop no longer syncs the meeting with a hub (it hosts it now): its docs stay as they are. */
  leave(meetingId: string): void {
    const move = this.moves.get(meetingId);
    if (move?.retry) clearTimeout(move.retry);
    this.moves.delete(meetingId);
    this.unlink(meetingId);
    this.deps.store.deleteRemote(meetingId);
  }

  /** Whether the meeting's and its secretariat's rooms have both arrived from the hub linked now. */
  whenSynced(meetingId: string, timeoutMs: number): Promise<boolean> {
    return this.links.get(meetingId)?.whenSynced(timeoutMs) ?? Promise.resolve(false);
  }

  /**
   * Resolves true once the hub linked now has confirmed every change this laptop made to the
   * meeting's secretariat room; false at the timeout (null: none), or if the link is replaced.
   */
  whenSecretariatConfirmed(meetingId: string, timeoutMs: number | null): Promise<boolean> {
    const link = this.links.get(meetingId);
    if (!link) return Promise.resolve(false);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const done = (confirmed: boolean) => {
        if (timer) clearTimeout(timer);
        stop();
        resolve(confirmed);
      };
      const check = () => {
        if (this.links.get(meetingId) !== link) done(false);
        else if (link.confirmed(link.secretariatId)) done(true);
      };
      const stop = this.onChange((id) => id === meetingId && check());
      if (timeoutMs !== null) timer = setTimeout(() => done(false), timeoutMs);
      check();
    });
  }

  /**
   * The secretariat moves a meeting it syncs through a hub to another one: the notice is written
   * while still linked to the old hub, and (if that hub is connected) confirmed there, so whoever
   * is still on it learns where the meeting went; then this laptop links to the new hub with the
   * code given for it. Not followed as a notice meanwhile: this laptop has a code of its own there.
   */
  async moveTo(remote: RemoteRow, writeNotice: () => void): Promise<void> {
    const meetingId = remote.meeting_id;
    this.following.add(meetingId);
    try {
      writeNotice();
      const link = this.links.get(meetingId);
      if (link?.isOnline(link.secretariatId)) await this.whenSecretariatConfirmed(meetingId, 10_000);
      this.relink(remote);
    } finally {
      this.following.delete(meetingId);
    }
  }

  /**
   * This laptop hosts a meeting it synced through a hub, and told that hub so: once the hub has
   * confirmed the notice, the link ends. Until then (the hub out of reach) it stays, so the notice
   * reaches whoever is still on that hub; it is waited for again at the next start.
   */
  private leaveOnceConfirmed(meetingId: string): void {
    if (this.leaving.has(meetingId)) return;
    this.leaving.add(meetingId);
    const link = this.links.get(meetingId);
    void this.whenSecretariatConfirmed(meetingId, null).then((confirmed) => {
      this.leaving.delete(meetingId);
      if (!confirmed || this.links.get(meetingId) !== link || !this.deps.hostedHere?.(meetingId)) return;
      this.deps.log.info('sync.left-hub', { meeting: meetingId, hub: link?.remote.hub_url });
      this.leave(meetingId);
      this.changed(meetingId);
    });
  }

  /** Whether the meeting moved here, and its old hub's link only waits for that hub to confirm the notice. */
  isLeaving(meetingId: string): boolean {
    return this.leaving.has(meetingId);
  }

  /** Where the meeting's secretariat says it is served now, as this laptop holds its room. */
  private locationOf(meetingId: string): MeetingLocation | undefined {
    const held = this.links.get(meetingId)?.location();
    if (held) return held;
    if (!this.deps.store.getDoc(secretariatDocId(meetingId))) return undefined;
    return this.deps.replicas.with(secretariatDocId(meetingId), (replica) => readMeetingLocation(replica.doc));
  }

  /**
   * Follows the secretariat's notice that the meeting moved: the first address it names that
   * accepts this laptop's code, for this meeting and the same role and delegation, becomes where
   * the meeting syncs. Nothing is sent there before the code is checked. A hub that cannot be
   * reached is tried again; a code it does not accept is said in the status, with what to do.
   */
  private async follow(meetingId: string): Promise<void> {
    const link = this.links.get(meetingId);
    const location = link?.location();
    const pending = this.moves.get(meetingId);
    // Moved to this very laptop, which hosts it: the link to the old hub ends once that hub has the
    // notice. A laptop hosting it beside a hub (for those who have not followed yet) follows a
    // notice that names another place, as everyone does.
    const movedHere = location?.host !== undefined && location.host === this.deps.hostId?.() && (this.deps.hostedHere?.(meetingId) ?? false);
    if (link && location && movedHere && !location.addresses.includes(link.remote.hub_url)) this.leaveOnceConfirmed(meetingId);
    if (!link || !location || location.addresses.includes(link.remote.hub_url) || movedHere) {
      if (pending?.retry) clearTimeout(pending.retry);
      if (this.moves.delete(meetingId)) this.changed(meetingId);
      return;
    }
    if (this.following.has(meetingId)) return;
    this.following.add(meetingId);
    const remote = link.remote;
    const problems: string[] = [];
    let retry = false;
    try {
      for (const address of location.addresses) {
        try {
          const grant = await lookUpInvitation(this.deps.fetch ?? fetch, address, remote.code);
          if (grant.meetingId !== meetingId || grant.role !== remote.role || grant.delegation !== remote.delegation) {
            problems.push(`${address} gives this laptop's code another meeting or role.`);
            continue;
          }
          // The notice may have changed, or the meeting been left, while the hub answered.
          if (this.links.get(meetingId) !== link) return;
          if (pending?.retry) clearTimeout(pending.retry);
          this.moves.delete(meetingId);
          this.deps.log.info('sync.moved', { meeting: meetingId, from: remote.hub_url, to: address });
          this.relink({ ...remote, hub_url: address });
          this.changed(meetingId);
          return;
        } catch (error) {
          const code = error instanceof AccordError ? error.code : 'internal';
          if (code !== 'invalid_request') retry = true;
          problems.push(error instanceof Error ? error.message : String(error));
        }
      }
      // Linked meanwhile elsewhere (a join with a new code, the meeting left): nothing to say.
      if (this.links.get(meetingId) !== link) return;
      const problem = retry ? 'unreachable' : 'refused';
      this.deps.log.error('sync.move-not-followed', { meeting: meetingId, to: location.addresses, problems });
      const timer = retry
        ? setTimeout(() => {
            const move = this.moves.get(meetingId);
            if (move) move.retry = null;
            void this.follow(meetingId);
          }, this.deps.followRetryMs ?? 20_000)
        : null;
      timer?.unref?.();
      if (pending?.retry) clearTimeout(pending.retry);
      this.moves.set(meetingId, { to: location.addresses[0]!, problem, retry: timer });
      this.changed(meetingId);
    } finally {
      this.following.delete(meetingId);
      // A notice that changed while a hub answered was not followed then (one attempt at a time):
      // it is now, or this laptop would stay on a hub the secretariat has left.
      if (this.links.get(meetingId) === link && JSON.stringify(link.location()) !== JSON.stringify(location)) void this.follow(meetingId);
    }
  }

  private changed(meetingId: string): void {
    for (const listener of this.listeners) listener(meetingId);
  }

  status(meetingId: string): MeetingSyncStatus | undefined {
    const status = this.links.get(meetingId)?.status();
    const move = this.moves.get(meetingId);
    if (status && move) return { ...status, moved: { to: move.to, problem: move.problem } };
    const aside = this.setAside.get(meetingId);
    if (!status || !aside || status.message) return status;
    const words = aside.words ? ` It held: “${aside.words.length > 120 ? `${aside.words.slice(0, 120)}…` : aside.words}”` : '';
    return {
      ...status,
      message: `The hub refused a change: ${aside.reason} It was set aside and kept on this laptop; the document now follows the hub's copy, with your later edits.${words}`,
    };
  }

  participants(meetingId: string): MeetingParticipant[] | undefined {
    return this.links.get(meetingId)?.participants();
  }

  remote(meetingId: string): RemoteRow | undefined {
    return this.links.get(meetingId)?.remote;
  }

  stop(): void {
    this.stopReplaced();
    for (const move of this.moves.values()) if (move.retry) clearTimeout(move.retry);
    this.moves.clear();
    for (const link of this.links.values()) link.destroy();
    this.links.clear();
  }

  private unlink(meetingId: string): void {
    this.links.get(meetingId)?.destroy();
    this.links.delete(meetingId);
  }

  private link(remote: RemoteRow): MeetingLink {
    const meetingId = remote.meeting_id;
    const changed = () => this.changed(meetingId);
    // Observers run before the doc's update event: a notice written here is counted as not yet
    // on the hub only once the transaction is over.
    const follow = () => queueMicrotask(() => void this.follow(meetingId));
    const link = new MeetingLink(
      remote,
      this.deps,
      changed,
      (notice) => {
        this.setAside.set(meetingId, notice);
        changed();
      },
      follow,
    );
    this.links.set(meetingId, link);
    // A notice that arrived while the app was closed is followed at start.
    if (link.location()) follow();
    return link;
  }
}
