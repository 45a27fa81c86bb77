import { app, BrowserWindow, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { consoleLogger } from '../storage/logger';
import { createServices, type Services } from '../services/services';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { ElectronPdf } from './electronPdf';
import { attachIpcTransport } from './ipcTransport';
import { APP_ORIGIN, isTrustedUrl, mainWindowOptions } from './windowOptions';

declare const __ACCORD_VERSION__: string;

const log = consoleLogger('accord-main');
registerAppScheme();

// One Accord per data folder: a second process would hold its own replicas of the same documents.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.quit();
app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
});

function dataDirFromArgs(argv: ReadonlyArray<string>): string | undefined {
  const index = argv.indexOf('--data');
  return index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, 'preload.cjs')));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    // Reload and developer tools are for development builds only.
    app.isPackaged
      ? { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] }
      : { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

let services: Services | undefined;
let detachIpc: (() => void) | undefined;

app.on('web-contents-created', (_event, contents) => {
  // Accord needs no camera, microphone, notifications or location: refuse every request.
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  // Accord never navigates away from its own page, opens other windows or embeds web views.
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links in a document open in the user's browser, and only web links.
    if (/^https:\/\/[^\s]+$/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  detachIpc?.();
  services?.close();
});

void app.whenReady().then(() => {
  if (!primaryInstance) return;
  const dataDir = dataDirFromArgs(process.argv) ?? process.env.ACCORD_DATA_DIR ?? app.getPath('userData');
  services = createServices({ dataDir, version: __ACCORD_VERSION__, log, lanBindHost: process.env.ACCORD_LAN_BIND, pdf: new ElectronPdf() });
  serveRenderer(join(__dirname, '..', 'renderer'));
  detachIpc = attachIpcTransport(services, log);
  buildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
