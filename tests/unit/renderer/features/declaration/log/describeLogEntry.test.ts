import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../../../../shared/declaration/negotiationLogView';
import { createI18n } from '../../../../../../renderer/i18n/i18n';
import { describeLogEntry, paragraphChoice } from '../../../../../../renderer/features/declaration/log/describeLogEntry';

const SOPHEA = { name: 'Sophea', role: 'secretariat' as const, delegation: null };
const LAN = { name: 'Lan', role: 'delegate' as const, delegation: 'Ha Noi' };

function entry(partial: Partial<LogEntry> & Pick<LogEntry, 'action'>): LogEntry {
  return { key: 'k', recorded: partial.action.by, seat: { role: partial.action.by.role, delegation: partial.action.by.delegation }, authorship: 'unknown', paragraph: null, ...partial };
}

describe('a log entry in words', async () => {
  const en = (await createI18n('en')).t;
  const vi = (await createI18n('vi')).t;

  it('says who proposed which wordings in which paragraph', () => {
    const words = describeLogEntry(
      entry({
        action: { type: 'bracket-added', bracketId: 'b', alternatives: [{ text: 'shall', proposers: ['Ha Noi', 'Phnom Penh'] }, { text: 'should', proposers: ['Vientiane'] }], by: LAN, at: 1 },
        paragraph: { id: 'p', label: 'OP3', then: 'OP2', position: 4 },
        authorship: 'verified',
      }),
      en,
    );
    expect(words).toEqual({
      what: 'Bracket proposed',
      detail: '“shall” (Ha Noi, Phnom Penh) / “should” (Vientiane)',
      paragraph: 'OP3',
      paragraphNote: 'then OP2',
      who: 'Lan · Ha Noi (Delegate)',
      verified: 'Verified by the hub',
      recordedAs: null,
      hint: 'The hub recorded this entry as written from Ha Noi (Delegate), the seat it names.',
    });
  });

  it('says what an agreement kept and dropped, and a status in the reader’s language', () => {
    const agreed = describeLogEntry(
      entry({ action: { type: 'bracket-agreed', bracketId: 'b', kept: { text: 'should', proposers: ['Vientiane'] }, dropped: [{ text: 'shall', proposers: ['Ha Noi'] }], by: SOPHEA, at: 1 } }),
      en,
    );
    expect([agreed.what, agreed.detail, agreed.paragraph]).toEqual(['Bracket agreed: “should” kept', 'Proposed by Vientiane · Dropped: “shall” (Ha Noi)', 'Paragraph not recorded']);
    const status = describeLogEntry(entry({ action: { type: 'status-set', clauseId: 'p', label: 'PP1', status: 'agreed', by: SOPHEA, at: 1 } }), vi);
    expect([status.what, status.who]).toEqual(['Đánh dấu “Đã thống nhất”', 'Sophea · Ban thư ký']);
  });

  it('names the seat the hub recorded, and marks the name the entry claims, when they differ', () => {
    const words = describeLogEntry(
      entry({
        action: { type: 'bracket-added', bracketId: 'b', alternatives: [{ text: 'shall', proposers: ['Ha Noi'] }], by: SOPHEA, at: 1 },
        seat: { role: 'delegate', delegation: 'Manila' },
        authorship: 'unverified',
      }),
      en,
    );
    expect([words.who, words.verified, words.recordedAs]).toEqual(['Manila (Delegate)', null, 'Recorded as Sophea · Secretariat']);
  });

  it('says a restore is about the whole text', () => {
    const restored = describeLogEntry(entry({ action: { type: 'version-restored', versionId: 'v', label: 'Rev.1', safetyVersionId: 's', by: SOPHEA, at: 1 } }), en);
    expect([restored.what, restored.detail, restored.paragraph]).toEqual(['Version “Rev.1” restored', 'The text it replaced is kept as a version.', 'Whole text']);
  });

  it('offers a paragraph gone from the text under the label it had', () => {
    expect(paragraphChoice({ id: 'p', label: 'OP2', then: null, position: null }, en)).toBe('OP2 (no longer in the text)');
    expect(paragraphChoice({ id: 'p', label: '', then: null, position: 3 }, en)).toBe('Unnumbered paragraph');
  });
});
