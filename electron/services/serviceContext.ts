import { AccordError } from '../../shared/api/errors';
import type { Replicas } from '../storage/replicas';
import type { AppStore } from '../storage/appStore';

/** What the meeting and document services share: storage, replicas, a clock and an id source. */
export interface ServiceContext {
  store: AppStore;
  replicas: Replicas;
  now: () => number;
  newId: () => string;
}

/** The error for a document id this computer does not hold (deleted, or never received). */
export function documentNotFound(): AccordError {
  return new AccordError('not_found', 'This document no longer exists on this computer.');
}
