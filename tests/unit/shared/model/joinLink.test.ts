import { describe, expect, it } from 'vitest';
import { hubWebAddress, joinLink, looksLikeJoinLink, parseJoinLink } from '../../../../shared/model/joinLink';

describe('join links', () => {
  it('put the code in the fragment of the hub’s web address, and give back the same hub and code', () => {
    const link = joinLink('wss://hub.example.org', 'K7QP-2M9X-4TWA-HC3R');
    expect(link).toBe('https://hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R');
    expect(parseJoinLink(link)).toEqual({ ok: true, hubUrl: 'wss://hub.example.org', code: 'K7QP-2M9X-4TWA-HC3R' });
    const local = joinLink('ws://192.168.1.10:4455', 'AAAA-BBBB-CCCC-DDDD');
    expect(local).toBe('http://192.168.1.10:4455/join#code=AAAA-BBBB-CCCC-DDDD');
    expect(parseJoinLink(local)).toEqual({ ok: true, hubUrl: 'ws://192.168.1.10:4455', code: 'AAAA-BBBB-CCCC-DDDD' });
    expect(hubWebAddress('ws://[::1]:4455')).toBe('http://[::1]:4455');
  });

  it('accept a link pasted with spaces around it, a lower-case code or a trailing slash', () => {
    expect(parseJoinLink('  HTTPS://Hub.Example.org:8443/join/#code=k7qp2m9x4twahc3r \n')).toEqual({
      ok: true,
      hubUrl: 'wss://hub.example.org:8443',
      code: 'K7QP-2M9X-4TWA-HC3R',
    });
  });

  it.each([
    ['another scheme', 'ftp://hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R', 'scheme'],
    ['a script', 'javascript://hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R', 'scheme'],
    ['a hub address given as ws://', 'wss://hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R', 'scheme'],
    ['credentials that hide the real host', 'https://hub.example.org@evil.example/join#code=K7QP-2M9X-4TWA-HC3R', 'malformed'],
    ['no host', 'https:///join#code=K7QP-2M9X-4TWA-HC3R', 'malformed'],
    ['a port out of range', 'https://hub.example.org:99999/join#code=K7QP-2M9X-4TWA-HC3R', 'malformed'],
    ['no scheme', 'hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R', 'malformed'],
    ['spaces inside', 'https://hub.example.org/join#code=K7QP 2M9X 4TWA HC3R', 'malformed'],
    ['another page', 'https://hub.example.org/v1/invitation#code=K7QP-2M9X-4TWA-HC3R', 'path'],
    ['the code in the query, where servers log it', 'https://hub.example.org/join?code=K7QP-2M9X-4TWA-HC3R', 'path'],
    ['no code', 'https://hub.example.org/join', 'code'],
    ['a short code', 'https://hub.example.org/join#code=K7QP-2M9X', 'code'],
    ['letters a code never has', 'https://hub.example.org/join#code=K7QP-2M9X-4TWA-HC30', 'code'],
    ['more than the code', 'https://hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R&next=https://evil.example', 'code'],
  ])('refuse %s', (_what, text, problem) => {
    expect(parseJoinLink(text)).toEqual({ ok: false, problem });
  });

  it('are told apart from a bare hub address or code typed in the same field', () => {
    expect(looksLikeJoinLink('https://hub.example.org/join#code=K7QP-2M9X-4TWA-HC3R')).toBe(true);
    expect(looksLikeJoinLink('ftp://hub.example.org/join')).toBe(true);
    expect(looksLikeJoinLink('#code=K7QP')).toBe(true);
    expect(looksLikeJoinLink('ws://192.168.1.10:4455')).toBe(false);
    expect(looksLikeJoinLink('https://hub.example.org')).toBe(false);
    expect(looksLikeJoinLink('K7QP-2M9X-4TWA-HC3R')).toBe(false);
  });
});
