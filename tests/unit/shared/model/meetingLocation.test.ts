import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MeetingLocation, readMeetingLocation, writeMeetingLocation } from '../../../../shared/model/meetingLocation';
import { markSecretariatDoc, SECRETARIAT_ROOTS } from '../../../../shared/model/secretariatDoc';

function secretariatDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => markSecretariatDoc(doc));
  return doc;
}

describe('where the secretariat says a meeting is served', () => {
  it('reads back what the secretariat wrote, replaced whole by its next notice', () => {
    const doc = secretariatDoc();
    expect(readMeetingLocation(doc)).toBeUndefined();
    writeMeetingLocation(doc, { addresses: ['ws://192.168.1.10:4455', 'ws://10.0.0.5:4455'], at: 5, by: 'Sophea' });
    writeMeetingLocation(doc, { addresses: ['wss://hub.example.org'], at: 6, by: 'Sophea' });
    expect(readMeetingLocation(doc)).toEqual({ addresses: ['wss://hub.example.org'], at: 6, by: 'Sophea' });
  });

  it('ignores a notice an app must not follow: not a hub address, a path, a credential, too many, or unknown fields', () => {
    const hostile: unknown[] = [
      { addresses: ['https://hub.example.org'], at: 1, by: 'x' },
      { addresses: ['wss://hub.example.org/steal'], at: 1, by: 'x' },
      { addresses: ['wss://user:pass@hub.example.org'], at: 1, by: 'x' },
      { addresses: ['javascript:alert(1)'], at: 1, by: 'x' },
      { addresses: [], at: 1, by: 'x' },
      { addresses: Array.from({ length: 9 }, (_, i) => `ws://10.0.0.${i}:4455`), at: 1, by: 'x' },
      { addresses: ['wss://hub.example.org'], at: 1, by: 'x', code: 'K7QP-2M9X-4TWA-HC3R' },
      { addresses: ['ws://10.0.0.5:4455'], at: 1, by: 'x', host: '../../etc/passwd' },
      'wss://hub.example.org',
    ];
    for (const value of hostile) {
      const doc = secretariatDoc();
      doc.getMap(SECRETARIAT_ROOTS.location).set('current', value);
      expect(readMeetingLocation(doc), JSON.stringify(value)).toBeUndefined();
      expect(MeetingLocation.safeParse(value).success).toBe(false);
    }
  });

  it('is written only to a secretariat doc that holds its parts', () => {
    expect(() => writeMeetingLocation(new Y.Doc(), { addresses: ['wss://hub.example.org'], at: 1, by: 'x' })).toThrow(/not ready/);
  });
});
