import { compareMeetings, type MeetingListEntry } from '../../shared/model/meeting';
import type { Services } from '../services/services';

/** Changes arriving within this many milliseconds are told as one (typing in a shared document confirms at every key). */
const COALESCE_MS = 100;

/**
 * One window's watch on the list of meetings: the whole list now, then again whenever a meeting on
 * it changes or one arrives. Only the meetings that changed are read again, so a secretariat typing
 * in one meeting does not make main reread every other meeting's docs; an idle list costs nothing.
 */
export class MeetingListWatch {
  private readonly entries = new Map<string, MeetingListEntry>();
  private readonly changed = new Set<string>();
  private ready = false;
  private last = '';
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly stop: () => void;

  constructor(
    private readonly services: Services,
    private readonly send: (meetings: MeetingListEntry[]) => void,
  ) {
    this.stop = services.onMeetingChange((meetingId) => {
      this.changed.add(meetingId);
      this.timer ??= setTimeout(() => this.tell(), COALESCE_MS);
    });
    void this.start();
  }

  close(): void {
    this.closed = true;
    this.stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async start(): Promise<void> {
    let all: MeetingListEntry[];
    try {
      all = await this.services.handlers['meetings.list']({});
    } catch {
      // The window's own call says why (the database is unavailable); there is nothing to watch.
      return;
    }
    if (this.closed) return;
    for (const entry of all) this.entries.set(entry.id, entry);
    // What changed while the list was read is read again.
    this.ready = true;
    this.tell();
  }

  private tell(): void {
    this.timer = null;
    if (!this.ready || this.closed) return;
    for (const meetingId of this.changed) {
      const entry = this.services.listedMeeting(meetingId);
      if (entry) this.entries.set(meetingId, entry);
      else this.entries.delete(meetingId);
    }
    this.changed.clear();
    const meetings = [...this.entries.values()].sort(compareMeetings);
    const json = JSON.stringify(meetings);
    if (json === this.last) return;
    this.last = json;
    this.send(meetings);
  }
}
