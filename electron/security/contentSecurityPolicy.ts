/**
 * The one Content-Security-Policy of Accord's window, served by Electron's app:// protocol and by
 * the browser host alike: only Accord's own scripts run, nothing loads from elsewhere.
 * `connectSources` adds the host's WebSocket, which 'self' does not cover in every browser.
 */
export function contentSecurityPolicy(connectSources: ReadonlyArray<string> = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // Lexical positions collaborators' cursors with style attributes; no style sheet is injected.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every response of Accord's own content. */
export function securityHeaders(connectSources: ReadonlyArray<string> = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSources),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
