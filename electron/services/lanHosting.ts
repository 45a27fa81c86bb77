import { networkInterfaces } from 'node:os';
import { AccordError } from '../../shared/api/errors';
import type { InvitationGrant, InvitationRecord } from '../../shared/model/invitation';
import type { MeetingParticipant, MeetingSyncStatus } from '../../shared/model/meeting';
import { type RunningHub, startHub } from '../hub/hubServer';
import { type IssuedInvitation, Invitations } from '../hub/invitations';
import type { Logger } from './logger';
import { rosterOf } from './roster';
import { migrateIfSecretariat } from './secretariat';
import type { Replicas } from './replicas';
import type { Store } from './store';

const SETTING = 'lanHosting';
export const DEFAULT_LAN_PORT = 4455;

interface HostingSetting {
  port: number;
  meetings: string[];
}

/** Addresses other laptops on the venue's network can reach this one at. */
function lanAddresses(port: number, bindHost: string): string[] {
  if (bindHost !== '0.0.0.0') return [`ws://${bindHost}:${port}`];
  const addresses: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) addresses.push(`ws://${info.address}:${port}`);
  }
  return addresses.length > 0 ? addresses : [`ws://127.0.0.1:${port}`];
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
    private readonly deps: { store: Store; replicas: Replicas; log: Logger; now: () => number; newId: () => string; bindHost?: string },
  ) {
    this.invitations = new Invitations(deps);
  }

  /** Hosts again what was hosted when the app last ran. */
  async resume(): Promise<void> {
    const setting = this.setting();
    if (!setting || setting.meetings.length === 0) return;
    try {
      await this.ensureHub(setting.port);
      for (const meetingId of setting.meetings) this.hosted.add(meetingId);
    } catch (error) {
      this.deps.log.error('lan.resume', { error: String(error) });
    }
  }

  async host(meetingId: string): Promise<{ addresses: string[]; invitations: InvitationRecord[] }> {
    if (this.deps.store.getDoc(meetingId)?.kind !== 'meeting') throw new AccordError('not_found', 'This meeting no longer exists on this computer.');
    // The hosting laptop is the meeting's secretariat: a meeting from before the secretariat's
    // room is served with its parts there (done at start already, unless that failed).
    migrateIfSecretariat(this.deps, meetingId);
    const hub = await this.ensureHub(this.setting()?.port ?? DEFAULT_LAN_PORT);
    this.hosted.add(meetingId);
    this.deps.store.setSetting(SETTING, JSON.stringify({ port: hub.port, meetings: [...this.hosted] } satisfies HostingSetting));
    return { addresses: lanAddresses(hub.port, this.bindHost), invitations: this.invitations.list(meetingId) };
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
    if (!this.hub || !this.hosted.has(meetingId)) return undefined;
    const [hubUrl] = lanAddresses(this.hub.port, this.bindHost);
    return { state: 'hosting', unconfirmed: 0, hubUrl: hubUrl!, role: 'secretariat', delegation: null, participant: 'Secretariat' };
  }

  participants(meetingId: string): MeetingParticipant[] | undefined {
    if (!this.hub || !this.hosted.has(meetingId)) return undefined;
    return this.deps.replicas.with(meetingId, (meeting) => rosterOf(meeting, null));
  }

  async stop(): Promise<void> {
    await this.hub?.close();
    this.hub = null;
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
  private ensureHub(port: number): Promise<RunningHub> {
    if (this.hub) return Promise.resolve(this.hub);
    this.starting ??= (async () => {
      const options = { ...this.deps, invitations: this.invitations, host: this.bindHost };
      try {
        this.hub = await startHub({ ...options, port });
      } catch (error) {
        // The usual port is taken (another app, or a second Accord): any free one will do.
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        this.hub = await startHub({ ...options, port: 0 });
      }
      return this.hub;
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }
}
