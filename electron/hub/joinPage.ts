import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { en } from '../../shared/i18n/ui/en';
import { km } from '../../shared/i18n/ui/km';
import { vi } from '../../shared/i18n/ui/vi';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Khmer, for a reader whose system has no Khmer font (many Linux installs): the app's own Noto Sans
 * Khmer, inlined so the page needs nothing else from the hub. Where it cannot be found (a hub
 * bundled without node_modules), the page leans on the system's fonts.
 */
function khmerFace(): string {
  try {
    const from = typeof __filename === 'string' ? __filename : resolve('package.json');
    const file = createRequire(from).resolve('@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff2');
    const data = readFileSync(file).toString('base64');
    return `@font-face{font-family:"Accord Khmer";src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:U+1780-17FF,U+19E0-19FF,U+200C-200D,U+25CC}`;
  } catch {
    return '';
  }
}

const STYLE = [
  khmerFace(),
  'body{margin:0;background:#f4f1ea;color:#1d2433;font:16px/1.55 system-ui,"Noto Sans","Noto Sans Khmer","Accord Khmer",sans-serif}',
  'main{max-width:40rem;margin:2rem auto;padding:0 1.25rem}',
  'section{background:#fff;border-radius:12px;padding:1.25rem 1.5rem;margin:0 0 1rem;box-shadow:0 2px 10px rgba(20,30,50,.08)}',
  'h1{font-size:1.3rem;margin:0 0 .5rem}',
  'ol{padding-left:1.4rem}',
  '.keep{color:#4a5568;font-size:.92rem}',
].join('');

/**
 * The page a join link opens in a browser (`/join#code=…`): it says how to open the link in
 * Accord, in the region's languages since the hub does not know the reader's. It runs no script
 * and never reads the fragment: the code stays in the reader's address bar, where they copy it
 * from, and its strict policy forbids everything but its own style.
 */
function page(): string {
  const sections = ([['en', en], ['vi', vi], ['km', km]] as const).map(([lang, messages]) => {
    const m = messages.hubInvitations;
    return [
      `<section lang="${lang}">`,
      `<h1>${escape(m.joinPageTitle)}</h1>`,
      `<p>${escape(m.joinPageIntro)}</p>`,
      `<ol><li>${escape(m.joinPageStep1)}</li><li>${escape(m.joinPageStep2)}</li><li>${escape(m.joinPageStep3)}</li></ol>`,
      `<p class="keep">${escape(m.joinPageKeep)}</p>`,
      '</section>',
    ].join('');
  });
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escape(en.hubInvitations.joinPageTitle)}</title>`,
    `<style>${STYLE}</style></head><body><main>`,
    ...sections,
    '</main></body></html>',
  ].join('');
}

const BODY = Buffer.from(page(), 'utf8');
const STYLE_HASH = createHash('sha256').update(STYLE, 'utf8').digest('base64');

export const JOIN_PAGE_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function serveJoinPage(res: ServerResponse, head: boolean): void {
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(BODY.length),
    'Content-Security-Policy': JOIN_PAGE_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  });
  res.end(head ? undefined : BODY);
}
