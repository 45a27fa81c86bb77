import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../services/logger';
import { Replicas } from '../services/replicas';
import { Store } from '../services/store';
import { Invitations } from './invitations';

export const HUB_DATABASE_FILE = 'hub.sqlite';

export interface HubServices {
  store: Store;
  replicas: Replicas;
  invitations: Invitations;
  now: () => number;
  close(): void;
}

/** The hub's storage: its own SQLite file, the same Store and Replicas the app uses. */
export function openHubServices(dataDir: string, log: Logger, now: () => number = Date.now): HubServices {
  mkdirSync(dataDir, { recursive: true });
  const store = Store.open(join(dataDir, HUB_DATABASE_FILE));
  const replicas = new Replicas({ store, now, log });
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
