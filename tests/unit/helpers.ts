import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Logger } from '../../electron/storage/logger';
import type { Services } from '../../electron/services/services';

/** A fresh data directory per test, removed afterwards. */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-test-'));
    dirs.push(dir);
    return dir;
  };
}

/** A logger that remembers what was logged, for tests that check a problem was reported. */
export function recordingLogger(): Logger & { errors: Array<{ event: string; fields?: Record<string, unknown> }> } {
  const errors: Array<{ event: string; fields?: Record<string, unknown> }> = [];
  return { errors, info: () => undefined, error: (event, fields) => errors.push({ event, fields }) };
}

/** Ids that read well in failures and sort in creation order. */
export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(8, '0')}`;
}

export const SAMPLE_MEETING = {
  title: 'Meeting of Governors and Mayors of ASEAN Capitals',
  place: 'Phnom Penh, Cambodia',
  hostCity: 'Phnom Penh',
  startDate: '2022-12-02',
  endDate: '2022-12-02',
};

/** A meeting with one new declaration in it, made through the services; returns the declaration's id. */
export async function createDeclaration(services: Services): Promise<string> {
  const meeting = await services.handlers['meetings.create'](SAMPLE_MEETING);
  return (await services.handlers['documents.create']({ meetingId: meeting.id, title: 'Draft declaration' })).id;
}
