import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'accord';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The window per Electron's security checklist: the renderer is a sandboxed web page with no
 * Node, isolated from the preload, which alone talks to main. Kept free of Electron imports at
 * run time so a unit test can assert it without Electron's binary.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 820,
    minHeight: 560,
    title: 'Accord',
    backgroundColor: '#f3f5f8',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

/** Only Accord's own page, served from app://accord, may talk to main. */
export function isTrustedUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
