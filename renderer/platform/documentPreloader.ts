import * as Y from 'yjs';
import type { ApiClient } from './apiClient';
import { ReplicaProvider } from './replicaProvider';

/**
 * Declarations whose sync started before their editor exists: at boot on a document's address,
 * main's answer travels while the app is still rendering. The editor takes its provider from here
 * if one is waiting, and makes its own otherwise.
 */
export class DocumentPreloader {
  private readonly waiting = new Map<string, ReplicaProvider>();

  constructor(private readonly api: ApiClient) {}

  start(documentId: string): void {
    if (this.waiting.has(documentId)) return;
    const provider = new ReplicaProvider(this.api, documentId, new Y.Doc());
    provider.connect();
    this.waiting.set(documentId, provider);
  }

  /** The waiting provider of this document, handed over once; null if none was started. */
  take(documentId: string): ReplicaProvider | null {
    const provider = this.waiting.get(documentId) ?? null;
    this.waiting.delete(documentId);
    return provider;
  }

  /** Closes every waiting provider except the one for `documentId` (none if null). */
  keepOnly(documentId: string | null): void {
    for (const [id, provider] of this.waiting) {
      if (id === documentId) continue;
      this.waiting.delete(id);
      provider.destroy();
      provider.doc.destroy();
    }
  }
}
