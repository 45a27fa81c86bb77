import { DEFAULT_UPDATE_LIMITS, type UpdateLimits } from './updateGate';

/**
 * Every resource a participant can make the hub spend, with its limit. README ("What the hub
 * limits") lists them for operators; each is sized so that a meeting of 50 delegations, each
 * with a few laptops behind one venue address, never meets it.
 */
export interface HubLimits {
  /** One WebSocket message, in bytes (ws refuses a larger frame before reading it). */
  maxMessageBytes: number;
  /** What one update may carry (bytes, structs, nesting). */
  update: UpdateLimits;
  /** A room's log on disk, in bytes: an update that would grow it beyond is refused. */
  maxRoomBytes: number;
  /** Documents a meeting may hold on the hub. */
  maxDocumentsPerMeeting: number;
  /** Document rooms one invitation may create. */
  maxRoomsPerInvitation: number;
  /** Presence: one state's JSON, in bytes; entries one connection sets; messages per second. */
  maxPresenceBytes: number;
  maxPresenceEntries: number;
  presencePerSecond: number;
  /** Live connections with one invitation code (every laptop of a delegation, every room). */
  maxConnectionsPerInvitation: number;
  /** Live connections from one network address (a venue's NAT puts everyone behind one). */
  maxConnectionsPerAddress: number;
  /** Connections still sending their upgrade request, in all and from one address. */
  maxPendingUpgrades: number;
  maxPendingUpgradesPerAddress: number;
  /** Time to send the upgrade request's headers; a slower one is cut off. */
  headersTimeoutMs: number;
  /**
   * Time the hub may spend applying one invitation's updates within 10 s: beyond it that
   * invitation's connections are sent away to come back later, so one delegation cannot keep the
   * hub busy for everyone.
   */
  applyMsPer10s: number;
  /**
   * Invitations one meeting may hold, revoked ones included (they stay on record), when issued
   * through the HTTP API by a secretariat's code; the operator's command line is not limited.
   */
  maxInvitationsPerMeeting: number;
  /** A request body to the HTTP API, in bytes: an invitation's role and delegation fit in far less. */
  maxApiBodyBytes: number;
  /** A meeting's invitations carried to this hub in one request (hashes and grants, ~250 bytes each; its record of owners, ~70 each). */
  maxCarryBodyBytes: number;
  /** Requests to the invitations API from one address in a minute, answered or refused. */
  apiRequestsPerMinute: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  update: DEFAULT_UPDATE_LIMITS,
  maxRoomBytes: 64 * 1024 * 1024,
  maxDocumentsPerMeeting: 200,
  maxRoomsPerInvitation: 100,
  maxPresenceBytes: 16 * 1024,
  maxPresenceEntries: 16,
  presencePerSecond: 30,
  maxConnectionsPerInvitation: 1000,
  maxConnectionsPerAddress: 2000,
  maxPendingUpgrades: 256,
  maxPendingUpgradesPerAddress: 32,
  headersTimeoutMs: 5000,
  applyMsPer10s: 3000,
  maxInvitationsPerMeeting: 500,
  maxApiBodyBytes: 4096,
  maxCarryBodyBytes: 1024 * 1024,
  apiRequestsPerMinute: 120,
};
