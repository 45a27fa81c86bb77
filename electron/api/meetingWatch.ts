import type { MeetingEvent } from '../../shared/api/messages';
import type { Services } from '../services/services';

/** Changes arriving within this many milliseconds are told as one (typing changes a document at every key). */
const COALESCE_MS = 100;

/**
 * One window's watch on one meeting: what the window shows that main alone knows (the meeting's
 * link to its hub, who is there, the documents held for it), sent now and again whenever it
 * changes, and only then: an idle meeting costs an idle window nothing.
 */
export class MeetingWatch {
  private last = '';
  private timer: NodeJS.Timeout | null = null;
  private told = 0;
  private closed = false;
  private readonly stop: () => void;

  constructor(
    private readonly services: Services,
    private readonly meetingId: string,
    private readonly send: (event: MeetingEvent) => void,
  ) {
    this.stop = services.onMeetingChange((changed) => {
      if (changed === meetingId) this.timer ??= setTimeout(() => this.tell(), COALESCE_MS);
    });
    this.tell();
  }

  close(): void {
    this.closed = true;
    this.stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private tell(): void {
    this.timer = null;
    const told = ++this.told;
    const { handlers } = this.services;
    const meetingId = this.meetingId;
    void Promise.all([
      read(() => handlers['meetings.syncStatus']({ meetingId }), null),
      read(() => handlers['meetings.participants']({ meetingId }), []),
      read(() => handlers['meetings.get']({ meetingId }), null),
    ]).then(([status, participants, detail]) => {
      // A later change was read meanwhile: that reading is the one to tell.
      if (told !== this.told || this.closed) return;
      const event: MeetingEvent = { kind: 'meeting', meetingId, status, participants, detail };
      const json = JSON.stringify(event);
      if (json === this.last) return;
      this.last = json;
      this.send(event);
    });
  }
}

/** A part that cannot be read (a meeting deleted meanwhile) is told as absent, not as a failure of the rest. */
async function read<T>(part: () => T | Promise<T>, absent: T): Promise<T> {
  try {
    return await part();
  } catch {
    return absent;
  }
}
