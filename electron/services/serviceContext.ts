import type { Replicas } from './replicas';
import type { Store } from './store';

/** What the meeting and document services share: storage, replicas, a clock and an id source. */
export interface ServiceContext {
  store: Store;
  replicas: Replicas;
  now: () => number;
  newId: () => string;
}
