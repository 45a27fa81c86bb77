import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../storage/logger';
import { HubRegistry } from '../storage/hubRegistry';
import type { RoomFile } from '../storage/roomFile';
import { Invitations } from './invitations';
import { RoomReplicas } from './roomReplicas';

export const HUB_DATABASE_FILE = 'hub.sqlite';
export const HUB_ROOMS_FOLDER = 'rooms';

export interface HubServices {
  /** hub.sqlite, the registry: invitations, and which meeting each room belongs to. */
  store: HubRegistry;
  /** Every room's replica, persisted in its own file under rooms/. */
  replicas: RoomReplicas;
  invitations: Invitations;
  now: () => number;
  close(): void;
}

export interface HubServicesOptions {
  now?: () => number;
  /** Opens a room's file (RoomFile.open by default); the bench wraps it to time the hub's writes. */
  openRoomStore?: (file: string) => RoomFile;
}

/**
 * The hub's storage, with the same log files and Replicas the app uses: a registry in hub.sqlite and
 * one SQLite file per room, so a room is loaded, compacted and, if damaged, refused on its own.
 */
export function openHubServices(dataDir: string, log: Logger, options: HubServicesOptions = {}): HubServices {
  const now = options.now ?? Date.now;
  mkdirSync(dataDir, { recursive: true });
  const store = HubRegistry.open(join(dataDir, HUB_DATABASE_FILE));
  let replicas: RoomReplicas;
  try {
    replicas = new RoomReplicas({ registry: store, folder: join(dataDir, HUB_ROOMS_FOLDER), now, log, openStore: options.openRoomStore });
    // A hub.sqlite written before rooms had files of their own still holds their logs.
    replicas.moveLogsFromRegistry();
  } catch (error) {
    store.close();
    throw error;
  }
  const invitations = new Invitations({ store, now, newId: () => crypto.randomUUID() });
  return {
    store,
    replicas,
    invitations,
    now,
    close() {
      replicas.closeAll();
      store.close();
    },
  };
}
