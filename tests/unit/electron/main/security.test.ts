import { describe, expect, it } from 'vitest';
import { isTrustedUrl, mainWindowOptions } from '../../../../electron/main/windowOptions';
import { contentSecurityPolicy, securityHeaders } from '../../../../electron/security/contentSecurityPolicy';

describe('Electron window security', () => {
  const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;

  it('isolates and sandboxes the page, with no Node in it', () => {
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it('trusts only Accord’s own app:// page as an IPC sender', () => {
    expect(isTrustedUrl('app://accord/index.html')).toBe(true);
    expect(isTrustedUrl('app://accord/#/document/x')).toBe(true);
    for (const url of ['file:///etc/passwd', 'https://accord/index.html', 'app://evil/index.html', 'http://127.0.0.1:3000/', '', undefined, 'not a url']) {
      expect(isTrustedUrl(url)).toBe(false);
    }
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    contentSecurityPolicy().split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

  it('runs only Accord’s own scripts: no inline, no eval, nothing remote', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('forbids plugins, framing, base rewriting and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('lets the host page reach only its own WebSocket', () => {
    expect(contentSecurityPolicy(['ws://127.0.0.1:4000'])).toContain("connect-src 'self' ws://127.0.0.1:4000");
    expect(securityHeaders()).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  });
});
