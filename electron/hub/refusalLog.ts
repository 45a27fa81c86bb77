import type { Logger } from '../storage/logger';

/**
 * Refusals, logged once each with their reason and the invitation's id, then counted: a modified
 * client that repeats a refused change every second must not flood the log, and an operator still
 * sees how often it happened (a summary per kind, once a minute at most, while it goes on).
 */
export class RefusalLog {
  private readonly repeats = new Map<string, { event: string; fields: Record<string, unknown>; count: number }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: Logger,
    flushEveryMs = 60_000,
  ) {
    this.timer = setInterval(() => this.flush(), flushEveryMs);
    this.timer.unref();
  }

  refused(event: string, fields: { reason: string; invitation?: string; room?: string; [key: string]: unknown }): void {
    const key = `${event}|${fields.invitation ?? ''}|${fields.room ?? ''}|${fields.reason}`;
    const seen = this.repeats.get(key);
    if (seen) {
      seen.count += 1;
      return;
    }
    this.repeats.set(key, { event, fields, count: 0 });
    this.log.error(event, fields);
  }

  /** Logs how many times each refusal repeated since it was last logged. */
  flush(): void {
    for (const [key, entry] of this.repeats) {
      if (entry.count > 0) this.log.error(`${entry.event}.repeated`, { ...entry.fields, times: entry.count });
      this.repeats.delete(key);
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
