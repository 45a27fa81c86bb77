import { z } from 'zod';
import { numberDeclaration } from '../declaration/numbering';
import { isNegotiated } from '../model/kinds';
import type { ExportDeclaration, ExportParagraph } from './exportModel';

export const UnagreedReason = z.enum(['open-bracket', 'pending', 'changed-since-agreed']);
export type UnagreedReason = z.infer<typeof UnagreedReason>;

/** A part of a declaration a clean text would print though nobody has agreed to it. */
export const UnagreedPart = z.object({
  /** "OP3", "PP2", "OP2(a)"; for an unnumbered part, its opening words in quotes. */
  label: z.string(),
  reasons: z.array(UnagreedReason).min(1),
});
export type UnagreedPart = z.infer<typeof UnagreedPart>;

/**
 * What a final (clean) export does with unagreed text: `include` prints it as it stands (the
 * first wording of each bracket), `omit` leaves it out and renumbers what is left.
 */
export const UnagreedChoice = z.enum(['include', 'omit']);
export type UnagreedChoice = z.infer<typeof UnagreedChoice>;

function plainText(paragraph: ExportParagraph): string {
  return paragraph.inlines.map((inline) => (inline.type === 'run' ? inline.run.text : (inline.alternatives[0]?.runs ?? []).map((r) => r.text).join(''))).join('');
}

function labelOf(paragraph: ExportParagraph): string {
  if (paragraph.label) return paragraph.label;
  const words = plainText(paragraph).trim();
  // Cut between words where there are any (Thai and Khmer write none between them).
  const cut = words.length > 40 ? `${words.slice(0, 41).replace(/\s+\S*$/, '').slice(0, 40).trimEnd()}…` : words;
  return `“${cut}”`;
}

function reasonsOf(paragraph: ExportParagraph): UnagreedReason[] {
  const reasons: UnagreedReason[] = [];
  if (paragraph.inlines.some((inline) => inline.type === 'bracket')) reasons.push('open-bracket');
  if (isNegotiated(paragraph.kind)) {
    if (paragraph.changedSinceAgreed) reasons.push('changed-since-agreed');
    else if (paragraph.status === 'pending') reasons.push('pending');
  }
  return reasons;
}

/**
 * Every part of a declaration a clean text would print without agreement: an open bracket
 * anywhere, and each preambular, operative or sub-paragraph still pending or changed since it was
 * agreed. Agreed ad referendum counts as agreed: it is, subject to confirmation at home.
 */
export function findUnagreedText(model: ExportDeclaration): UnagreedPart[] {
  return model.paragraphs.flatMap((paragraph) => {
    const reasons = reasonsOf(paragraph);
    return reasons.length > 0 ? [{ label: labelOf(paragraph), reasons }] : [];
  });
}

/**
 * The declaration with only what is agreed: unagreed parts are left out, and so are the
 * sub-paragraphs of an operative paragraph left out (they cannot stand without it). What is left
 * is numbered afresh, as the adopted text will be.
 */
export function agreedTextOnly(model: ExportDeclaration): ExportDeclaration {
  let dropSubs = false;
  const kept = model.paragraphs.filter((paragraph) => {
    const unagreed = reasonsOf(paragraph).length > 0;
    if (paragraph.kind === 'op') dropSubs = unagreed;
    else if (paragraph.kind !== 'sub') dropSubs = false;
    return !unagreed && !(paragraph.kind === 'sub' && dropSubs);
  });
  const numbers = numberDeclaration(kept.map((paragraph) => ({ kind: paragraph.kind })));
  let listNumber = 0;
  const paragraphs = kept.map((paragraph, index) => {
    listNumber = paragraph.block === 'number' ? listNumber + 1 : 0;
    if (paragraph.kind === null) return paragraph.block === 'number' ? { ...paragraph, marker: `${listNumber}.` } : paragraph;
    const number = numbers[index]!;
    return { ...paragraph, label: number.label || null, marker: number.marker || null };
  });
  return { ...model, paragraphs };
}

/** The parts, said in one line for an error or a log: "OP3 (open bracket), PP2 (pending)". */
export function describeUnagreed(parts: ReadonlyArray<UnagreedPart>): string {
  const reason: Record<UnagreedReason, string> = { 'open-bracket': 'open bracket', pending: 'pending', 'changed-since-agreed': 'changed since agreed' };
  return parts.map((part) => `${part.label} (${part.reasons.map((r) => reason[r]).join(', ')})`).join(', ');
}
