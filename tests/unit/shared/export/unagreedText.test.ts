import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readExportDeclaration } from '../../../../shared/export/readExportDeclaration';
import { agreedTextOnly, describeUnagreed, findUnagreedText } from '../../../../shared/export/unagreedText';
import { readRuns } from '../../../../shared/declaration/model/textRuns';
import { readParagraphs } from '../../../../shared/declaration/model/paragraphOrder';
import { type SampleParagraph, SAMPLE_MEETING, SAMPLE_PARAGRAPHS, sampleStatuses, writeSampleDeclaration } from '../../../fixtures/exportSample';

const META = { title: 'Phnom Penh Declaration', meeting: { title: SAMPLE_MEETING.title, place: SAMPLE_MEETING.place, hostCity: SAMPLE_MEETING.hostCity, startDate: SAMPLE_MEETING.startDate, endDate: SAMPLE_MEETING.endDate } };

function modelOf(paragraphs: ReadonlyArray<SampleParagraph>, edit?: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  writeSampleDeclaration(doc, paragraphs);
  const statuses = sampleStatuses(doc, paragraphs);
  edit?.(doc);
  return readExportDeclaration(doc, META, statuses);
}

describe('what a final text would print without agreement', () => {
  it('names each open bracket and each pending part by its number; ad referendum counts as agreed', () => {
    const parts = findUnagreedText(modelOf(SAMPLE_PARAGRAPHS));
    expect(describeUnagreed(parts)).toBe(
      'PP2 (pending), PP3 (pending), PP4 (pending), OP1 (open bracket), OP2 (pending), OP2(a) (pending), OP3 (pending), OP4 (pending)',
    );
  });

  it('names a paragraph whose words changed after it was agreed', () => {
    const agreed: SampleParagraph[] = [
      { id: 'clause-pp', kind: 'pp', status: 'agreed', parts: ['Recognizing the role of cities;'] },
      { id: 'clause-op', kind: 'op', status: 'agreed', parts: ['Encourage open data;'] },
    ];
    expect(findUnagreedText(modelOf(agreed))).toEqual([]);
    const changed = modelOf(agreed, (doc) => {
      const op = readParagraphs(doc).find((p) => p.id === 'clause-op')!;
      op.text.insert(readRuns(op.text).map((r) => r.text).join('').length - 1, ' on air quality');
    });
    expect(findUnagreedText(changed)).toEqual([{ label: 'OP1', reasons: ['changed-since-agreed'] }]);
  });

  it('names an unnumbered part by its opening words', () => {
    const paragraphs: SampleParagraph[] = [
      { id: 'clause-title', kind: 'title', parts: ['Declaration on ', { bracket: [{ text: 'Smart', proposers: ['Ha Noi'] }, { text: 'Liveable', proposers: ['Bangkok'] }] }, ' Cities of the Region and Beyond'] },
    ];
    expect(findUnagreedText(modelOf(paragraphs))).toEqual([{ label: '“Declaration on Smart Cities of the…”', reasons: ['open-bracket'] }]);
  });

  it('leaves out what is not agreed, with the sub-paragraphs of an operative paragraph left out, and numbers the rest afresh', () => {
    const paragraphs: SampleParagraph[] = [
      { id: 'clause-pp1', kind: 'pp', parts: ['Noting the pending words;'] },
      { id: 'clause-pp2', kind: 'pp', status: 'agreed', parts: ['Recognizing the agreed words;'] },
      { id: 'clause-oo', kind: 'operative-opening', parts: ['Hereby agree to:'] },
      { id: 'clause-op1', kind: 'op', status: 'agreed', parts: ['Share data;'] },
      { id: 'clause-op2', kind: 'op', parts: ['Pending operative paragraph:'] },
      { id: 'clause-sub1', kind: 'sub', status: 'agreed', parts: ['an agreed sub-paragraph of a pending one;'] },
      { id: 'clause-op3', kind: 'op', status: 'agreed', parts: ['Meet again:'] },
      { id: 'clause-sub2', kind: 'sub', status: 'pending', parts: ['a pending sub-paragraph;'] },
      { id: 'clause-sub3', kind: 'sub', status: 'agreed', parts: ['an agreed sub-paragraph.'] },
    ];
    const agreed = agreedTextOnly(modelOf(paragraphs));
    const text = (p: (typeof agreed.paragraphs)[number]) => p.inlines.map((i) => (i.type === 'run' ? i.run.text : '')).join('');
    expect(agreed.paragraphs.map((p) => [p.label, p.marker, text(p)])).toEqual([
      ['PP1', null, 'Recognizing the agreed words;'],
      [null, null, 'Hereby agree to:'],
      ['OP1', '1.', 'Share data;'],
      ['OP2', '2.', 'Meet again:'],
      ['OP2(a)', '(a)', 'an agreed sub-paragraph.'],
    ]);
    expect(findUnagreedText(agreed)).toEqual([]);
  });
});
