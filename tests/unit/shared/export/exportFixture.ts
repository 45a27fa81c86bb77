import type { ClauseKind, ClauseStatus } from '../../../../shared/model/kinds';
import type { ExportDeclaration, ExportInline, ExportParagraph, ExportRun } from '../../../../shared/export/exportModel';

/**
 * A declaration for the export tests, built by hand: every part of the anatomy (title, opening,
 * two PPs, the operative opening, two OPs, the first with sub-paragraphs (a) and (b), adoption),
 * English with Vietnamese diacritics, Khmer and Thai words, lead words, bold/italic/underline, one
 * bracket with two alternatives and their proposers, and paragraphs in every status.
 */

export const KHMER = 'កិច្ចសហប្រតិបត្តិការ';
export const THAI = 'ความร่วมมือ';

export const run = (text: string, format: Omit<ExportRun, 'text'> = {}): ExportInline => ({ type: 'run', run: { text, ...format } });
export const lead = (text: string): ExportInline => run(text, { lead: true });

export function paragraph(
  kind: ClauseKind | null,
  inlines: ExportInline[],
  extra: Partial<Omit<ExportParagraph, 'kind' | 'inlines'>> = {},
): ExportParagraph {
  return { kind, block: 'paragraph', label: null, marker: null, status: 'pending' as ClauseStatus, changedSinceAgreed: false, inlines, ...extra };
}

export const BRACKET: ExportInline = {
  type: 'bracket',
  bracketId: 'b-1',
  alternatives: [
    { runs: [{ text: 'shall' }], proposers: ['Ha Noi', 'Phnom Penh'] },
    { runs: [{ text: 'should' }], proposers: ['Bangkok'] },
  ],
};

export function exportFixture(): ExportDeclaration {
  return {
    title: 'Ha Noi Declaration on Smart and Sustainable Cities',
    symbol: null,
    distribution: null,
    meeting: {
      title: 'Meeting of Governors and Mayors of ASEAN Capitals',
      place: 'Hà Nội, Việt Nam',
      hostCity: 'Hà Nội',
      startDate: '2025-03-13',
      endDate: '2025-03-14',
    },
    paragraphs: [
      paragraph('title', [run('Ha Noi Declaration on Smart and Sustainable Cities')]),
      paragraph('opening', [
        run('WE, the Governors and Mayors of the ASEAN Capitals, gathered in Hà Nội, Việt Nam, on 14 March 2025 for the '),
        run('Hội nghị Thống đốc và Thị trưởng các Thủ đô ASEAN', { italic: true }),
        run(';'),
      ]),
      paragraph(
        'pp',
        [lead('Recognizing'), run(' the value of '), run(KHMER), run(' (cooperation) among our capitals in building resilient cities;')],
        { label: 'PP1', status: 'agreed' },
      ),
      paragraph(
        'pp',
        [
          lead('Reaffirming'),
          run(' our commitment to '),
          run(THAI),
          run(' and to the principles of the Tuyên bố Hà Nội về hợp tác đô thị bền vững;'),
        ],
        { label: 'PP2', status: 'ad-referendum' },
      ),
      paragraph('operative-opening', [run('HEREBY DECLARE to:')]),
      paragraph('op', [lead('Encourage'), run(' Member States '), BRACKET, run(' strengthen cooperation in the following areas:')], {
        label: 'OP1',
        marker: '1.',
      }),
      paragraph('sub', [lead('Promoting'), run(' '), run('digital', { bold: true }), run(' public services for every citizen;')], {
        label: 'OP1(a)',
        marker: '(a)',
        status: 'agreed',
      }),
      paragraph('sub', [lead('Improving'), run(' '), run('urban', { underline: true }), run(' transport and clean water;')], {
        label: 'OP1(b)',
        marker: '(b)',
      }),
      paragraph('op', [lead('Task'), run(' the ASEAN Secretariat to report on progress at the next meeting.')], {
        label: 'OP2',
        marker: '2.',
        status: 'ad-referendum',
      }),
      paragraph('adoption', [run('ADOPTED in Hà Nội, Việt Nam, on the fourteenth day of March in the year two thousand and twenty-five.')]),
    ],
  };
}

/** A paragraph's text as the given mode prints it, without number or label: brackets as their first wording in final mode. */
export function paragraphText(p: ExportParagraph, mode: 'final' | 'negotiation'): string {
  return p.inlines
    .map((inline) => {
      if (inline.type === 'run') return inline.run.text;
      if (mode === 'final') return (inline.alternatives[0]?.runs ?? []).map((r) => r.text).join('');
      const wordings = inline.alternatives.map((a) => {
        const words = a.runs.map((r) => r.text).join('');
        return a.proposers.length > 0 ? `${words} (${a.proposers.join(', ')})` : words;
      });
      return `[${wordings.join(' / ')}]`;
    })
    .join('');
}
