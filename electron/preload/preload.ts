import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type AccordBridge, IPC_CHANNEL } from '../../shared/api/bridge';
import type { ServerMessage } from '../../shared/api/messages';

/** Two named functions on one channel; the page never sees ipcRenderer or any Node API. */
const bridge: AccordBridge = {
  postMessage(message) {
    ipcRenderer.send(IPC_CHANNEL, message);
  },
  onMessage(listener) {
    const wrapped = (_event: IpcRendererEvent, message: ServerMessage) => listener(message);
    ipcRenderer.on(IPC_CHANNEL, wrapped);
    return () => {
      ipcRenderer.off(IPC_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('accord', bridge);
