import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The lint rules, not memory, keep each layer to its imports: prove they bite. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('import boundaries between layers', () => {
  it.each([
    ['shared/ importing a Node built-in', 'shared/model/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['shared/ importing fs without the node: prefix', 'shared/model/x.ts', "import fs from 'fs';\nexport const x = fs;"],
    ['shared/ importing React', 'shared/model/x.ts', "import { useState } from 'react';\nexport const x = useState;"],
    ['shared/ importing electron/', 'shared/api/x.ts', "import { Store } from '../../electron/services/store';\nexport const x = Store;"],
    ['renderer/ importing Node', 'renderer/app/x.ts', "import { join } from 'node:path';\nexport const x = join;"],
    ['renderer/ importing electron', 'renderer/app/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['renderer/ importing electron/', 'renderer/app/x.ts', "import { Store } from '../../electron/services/store';\nexport const x = Store;"],
    ['a service importing electron', 'electron/services/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['the host importing electron', 'electron/host/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['shared/ binding a declaration with @lexical/yjs', 'shared/model/x.ts', "import { createYjsBinding } from '@lexical/yjs';\nexport const x = createYjsBinding;"],
    ['the window using Lexical’s collaboration plugin', 'renderer/editor/x.tsx', "import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';\nexport const x = CollaborationPlugin;"],
    ['shared/model importing shared/declaration', 'shared/model/x.ts', "import { paragraphsOf } from '../declaration/model/shape';\nexport const x = paragraphsOf;"],
    ['storage/ importing the sync layer', 'electron/storage/x.ts', "import { RoomLink } from '../sync/roomLink';\nexport const x = RoomLink;"],
    ['sync/ importing a service', 'electron/sync/x.ts', "import { SyncClient } from '../services/syncClient';\nexport const x = SyncClient;"],
    ['hub/ importing a service', 'electron/hub/x.ts', "import { createServices } from '../services/services';\nexport const x = createServices;"],
    ['a service importing the hub (outside LAN hosting)', 'electron/services/x.ts', "import { startHub } from '../hub/hubServer';\nexport const x = startHub;"],
    ['an exporter importing the host', 'electron/services/export/x.ts', "import { openAppWindow } from '../../host/chromium';\nexport const x = openAppWindow;"],
    ['a service importing the window connection', 'electron/services/x.ts', "import { createConnection } from '../api/connection';\nexport const x = createConnection;"],
    ['the preload importing main', 'electron/preload/x.ts', "import { APP_ORIGIN } from '../main/windowOptions';\nexport const x = APP_ORIGIN;"],
    ['the host importing main', 'electron/host/x.ts', "import { APP_ORIGIN } from '../main/windowOptions';\nexport const x = APP_ORIGIN;"],
  ])('refuses %s', async (_name, file, code) => {
    expect(await restrictedImports(file, code)).toBeGreaterThan(0);
  });

  it.each([
    ['main importing electron', 'electron/main/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['preload importing electron', 'electron/preload/x.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;"],
    ['a service importing Node and shared/', 'electron/services/x.ts', "import { join } from 'node:path';\nimport { AccordError } from '../../shared/api/errors';\nexport const x = [join, AccordError];"],
    ['renderer/ importing shared/', 'renderer/app/x.ts', "import { AccordError } from '../../shared/api/errors';\nexport const x = AccordError;"],
    ['the hub importing storage and sync', 'electron/hub/x.ts', "import { RoomFile } from '../storage/roomFile';\nimport { SyncSession } from '../sync/syncSession';\nexport const x = [RoomFile, SyncSession];"],
    ['LAN hosting starting the hub', 'electron/services/lanHosting.ts', "import { startHub } from '../hub/hubServer';\nexport const x = startHub;"],
    ['an exporter importing storage', 'electron/services/export/x.ts', "import { AppStore } from '../../storage/appStore';\nexport const x = AppStore;"],
    ['the window connection importing services and sync', 'electron/api/x.ts', "import { createServices } from '../services/services';\nimport { SyncSession } from '../sync/syncSession';\nexport const x = [createServices, SyncSession];"],
  ])('allows %s', async (_name, file, code) => {
    expect(await restrictedImports(file, code)).toBe(0);
  });
});
