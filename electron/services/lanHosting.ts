import { networkInterfaces } from 'node:os';
import { AccordError } from '../../shared/api/errors';
import type { CarriedInvitation, HubCarryResult, InvitationGrant, InvitationRecord } from '../../shared/model/invitation';
import type { MeetingParticipant, MeetingSyncStatus } from '../../shared/model/meeting';
import { type RunningHub, startHub } from '../hub/hubServer';
import { type IssuedInvitation, Invitations } from '../hub/invitations';
import type { Logger } from '../storage/logger';
import { localActor } from './localActor';
import { rosterOf } from './roster';
import { migrateIfSecretariat } from './secretariat';
import type { Replicas } from '../storage/replicas';
import type { AppStore } from '../storage/appStore';

const SETTING = 'lanHosting';
const HOST_ID_SETTING = 'lanHostId';
export const DEFAULT_LAN_PORT = 4455;

interface HostingSetting {
  port: number;
  meetings: string[];
}

/** The networks this computer is on, by interface name, that a hub on all interfaces is reachable from. */
function lanInterfaces(bindHost: string): Array<{ name: string; address: string }> {
  if (bindHost !== '0.0.0.0') return [{ name: bindHost, address: bindHost }];
  const found: Array<{ name: string; address: string }> = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) found.push({ name, address: info.address });
  }
  return found;
}

/** Addresses other laptops on the venue's network can reach this one at. */
function lanAddresses(port: number, bindHost: string): string[] {
  const addresses = lanInterfaces(bindHost).map((found) => `ws://${found.address}:${port}`);
  return addresses.length > 0 ? addresses : [`ws://127.0.0.1:${port}`];
}

/** What hosting would expose, said before it starts. */
export interface HostingPlan {
  port: number;
  interfaces: Array<{ name: string; address: string }>;
}

/**
 * "Host this meeting on the local network": the hub runs inside the app, on the app's own
 * database and replicas, so the hosting laptop is the meeting's source of truth for the venue.
 * Hosted meetings are remembered and hosted again when the app starts.
 */
export class LanHosting {
  private hub: RunningHub | null = null;
  private readonly hosted = new Set<string>();
  private readonly invitations: Invitations;

  constructor(
    private readonly deps: { store: AppStore; replicas: Replicas; log: Logger; now: () => number; newId: () => string; bindHost?: string; retryMs?: number },
  ) {
    this.invitations = new Invitations(deps);
  }

  /**
   * Hosts again what was hosted when the app last ran, on the same port: delegates have saved its
   * address. A port another program holds is reported in the meeting's status and tried again
   * every few seconds, never given up for another.
   */
  async resume(): Promise<void> {
    const setting = this.setting();
    if (!setting || setting.meetings.length === 0) return;
    for (const meetingId of setting.meetings) this.hosted.add(meetingId);
    await this.startOn(setting.port);
  }

  private problem: string | null = null;
  private retry: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(meetingId: string | null) => void>();

  /** Called when hosting starts, stops or fails (for one meeting, or null for all it hosts). */
  onChange(listener: (meetingId: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(meetingId: string | null): void {
    for (const listener of this.listeners) listener(meetingId);
  }

  private async startOn(port: number): Promise<void> {
    try {
      await this.ensureHub(port, { keepPort: true });
      this.problem = null;
      this.changed(null);
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      this.problem = busy
        ? `Port ${port} is in use by another program, so delegates cannot reach this meeting. Accord keeps trying; close that program or restart this computer.`
        : `Hosting could not start (${error instanceof Error ? error.message : String(error)}). Accord keeps trying.`;
      this.deps.log.error('lan.resume', { port, error: String(error) });
      this.changed(null);
      this.retry ??= setTimeout(() => {
        this.retry = null;
        void this.startOn(port);
      }, this.deps.retryMs ?? 5000);
      this.retry.unref?.();
    }
  }

  /** Where hosting would listen: the port delegates will be given, on each network this computer is on. */
  plan(): HostingPlan {
    return { port: this.hub?.port ?? this.setting()?.port ?? DEFAULT_LAN_PORT, interfaces: lanInterfaces(this.bindHost) };
  }

  /**
   * Stops serving a meeting: its delegates are disconnected (their apps keep their edits and
   * retry), its codes stay valid for when it is hosted again, and it is no longer hosted at start.
   * The hub itself stops with the last meeting it serves, so nothing listens for nothing.
   */
  async unhost(meetingId: string): Promise<void> {
    if (!this.hosted.delete(meetingId)) return;
    const port = this.hub?.port ?? this.setting()?.port ?? DEFAULT_LAN_PORT;
    this.deps.store.setSetting(SETTING, JSON.stringify({ port, meetings: [...this.hosted] } satisfies HostingSetting));
    if (this.hosted.size === 0) await this.stop();
    else this.hub?.disconnectMeeting(meetingId);
    this.deps.log.info('lan.unhosted', { meetingId, stillHosted: this.hosted.size });
    this.changed(meetingId);
  }

  async host(meetingId: string): Promise<{ addresses: string[]; invitations: InvitationRecord[] }> {
    if (this.deps.store.getDoc(meetingId)?.kind !== 'meeting') throw new AccordError('not_found', 'This meeting no longer exists on this computer.');
    // The hosting laptop is the meeting's secretariat: a meeting from before the secretariat's
    // room is served with its parts there (done at start already, unless that failed).
    migrateIfSecretariat(this.deps, meetingId);
    const saved = this.setting()?.port;
    // The first meeting hosted picks the port (4455, or any free one); later ones share it.
    const hub = await this.ensureHub(saved ?? DEFAULT_LAN_PORT, { keepPort: saved !== undefined });
    this.problem = null;
    this.hosted.add(meetingId);
    this.deps.store.setSetting(SETTING, JSON.stringify({ port: hub.port, meetings: [...this.hosted] } satisfies HostingSetting));
    this.changed(meetingId);
    return { addresses: lanAddresses(hub.port, this.bindHost), invitations: this.invitations.list(meetingId) };
  }

  /** This laptop as a host, named in a notice that moves a meeting here (kept across restarts and address changes). */
  hostId(): string {
    let id = this.deps.store.getSetting(HOST_ID_SETTING);
    if (!id) {
      id = this.deps.newId();
      this.deps.store.setSetting(HOST_ID_SETTING, id);
    }
    return id;
  }

  /** The addresses delegates reach the hosted meeting at, the first being the likeliest. */
  addresses(meetingId: string): string[] {
    this.assertHosted(meetingId);
    return lanAddresses(this.hub?.port ?? this.setting()?.port ?? DEFAULT_LAN_PORT, this.bindHost);
  }

  /** The meeting's invitations as they move with it to an online hub: hashes, never codes. */
  carried(meetingId: string): CarriedInvitation[] {
    return this.invitations.carried(meetingId);
  }

  /** Takes in the invitations of the hub a meeting moves here from, so every code handed out there works here. */
  adopt(meetingId: string, carried: readonly CarriedInvitation[]): HubCarryResult {
    const result = this.invitations.adopt(meetingId, carried, Number.MAX_SAFE_INTEGER);
    for (const invitation of this.invitations.list(meetingId)) if (invitation.revokedAt !== null) this.hub?.disconnectInvitation(invitation.id);
    return result;
  }

  isHosted(meetingId: string): boolean {
    return this.hosted.has(meetingId);
  }

  invite(grant: InvitationGrant): IssuedInvitation {
    this.assertHosted(grant.meetingId);
    return this.invitations.issue(grant);
  }

  revoke(meetingId: string, invitationId: string): InvitationRecord {
    this.assertHosted(meetingId);
    if (!this.invitations.list(meetingId).some((i) => i.id === invitationId)) {
      throw new AccordError('not_found', 'This meeting has no such invitation.');
    }
    const revoked = this.invitations.revoke(invitationId);
    this.hub?.disconnectInvitation(revoked.id);
    return revoked;
  }

  status(meetingId: string): MeetingSyncStatus | undefined {
    if (!this.hosted.has(meetingId)) return undefined;
    const me = localActor(this.deps, meetingId);
    const base = { unconfirmed: 0, role: 'secretariat', delegation: me.delegation, participant: me.name } as const;
    if (!this.hub) return { ...base, state: 'offline', hubUrl: lanAddresses(this.setting()?.port ?? DEFAULT_LAN_PORT, this.bindHost)[0]!, message: this.problem ?? undefined };
    const [hubUrl] = lanAddresses(this.hub.port, this.bindHost);
    return { ...base, state: 'hosting', hubUrl: hubUrl! };
  }

  participants(meetingId: string): MeetingParticipant[] | undefined {
    if (!this.hub || !this.hosted.has(meetingId)) return undefined;
    return this.deps.replicas.with(meetingId, (meeting) => rosterOf(meeting, null));
  }

  async stop(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const hub = this.hub;
    this.hub = null;
    await hub?.close();
  }

  private get bindHost(): string {
    return this.deps.bindHost ?? '0.0.0.0';
  }

  private assertHosted(meetingId: string): void {
    if (!this.hosted.has(meetingId)) throw new AccordError('invalid_request', 'Host this meeting on the local network first.');
  }

  private setting(): HostingSetting | undefined {
    try {
      const raw = this.deps.store.getSetting(SETTING);
      return raw ? (JSON.parse(raw) as HostingSetting) : undefined;
    } catch {
      return undefined;
    }
  }

  private starting: Promise<RunningHub> | null = null;

  /** One hub per app, however many callers ask at once (resume and a first host, say). */
  private ensureHub(port: number, { keepPort }: { keepPort: boolean }): Promise<RunningHub> {
    if (this.hub) return Promise.resolve(this.hub);
    this.starting ??= (async () => {
      const options = { ...this.deps, invitations: this.invitations, host: this.bindHost, serves: (meetingId: string) => this.hosted.has(meetingId) };
      try {
        this.hub = await startHub({ ...options, port });
      } catch (error) {
        // The usual port is taken (another app, or a second Accord): for a first meeting, any
        // free one will do; a port delegates already use is kept (resume reports and retries).
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || keepPort) throw error;
        this.hub = await startHub({ ...options, port: 0 });
      }
      return this.hub;
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }
}
