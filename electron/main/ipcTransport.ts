import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { createConnection, type Connection } from '../api/connection';
import type { Logger } from '../storage/logger';
import type { Services } from '../services/services';
import { IPC_CHANNEL } from '../../shared/api/bridge';
import { isTrustedUrl } from './windowOptions';

/**
 * Electron's transport: one connection per window, fed from one IPC channel. Messages from any
 * frame other than Accord's own page are dropped before they reach a service.
 */
export function attachIpcTransport(services: Services, log: Logger): () => void {
  const connections = new Map<number, Connection>();

  const connectionFor = (contents: WebContents): Connection => {
    let connection = connections.get(contents.id);
    if (!connection) {
      const created = createConnection(
        services,
        (message) => {
          if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, message);
        },
        log,
      );
      connection = created;
      connections.set(contents.id, created);
      // A reload or a crashed renderer keeps its webContents but starts a new page: the old
      // page's streams, counters and cursor must go with it.
      const reset = () => {
        created.close();
        if (connections.get(contents.id) === created) connections.delete(contents.id);
        contents.off('did-start-navigation', onNavigation);
        contents.off('render-process-gone', reset);
      };
      const onNavigation = (details: { isMainFrame: boolean; isSameDocument: boolean }) => {
        if (details.isMainFrame && !details.isSameDocument) reset();
      };
      contents.on('did-start-navigation', onNavigation);
      contents.on('render-process-gone', reset);
      contents.once('destroyed', reset);
    }
    return connection;
  };

  const onMessage = (event: IpcMainEvent, message: unknown) => {
    if (!isTrustedUrl(event.senderFrame?.url) || event.senderFrame !== event.sender.mainFrame) {
      log.error('ipc.untrusted-sender', { url: event.senderFrame?.url ?? null });
      return;
    }
    connectionFor(event.sender).receive(message);
  };

  ipcMain.on(IPC_CHANNEL, onMessage);
  return () => {
    ipcMain.off(IPC_CHANNEL, onMessage);
    for (const connection of connections.values()) connection.close();
    connections.clear();
  };
}
