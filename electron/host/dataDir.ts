import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Accord';

/**
 * Where Electron's `app.getPath('userData')` puts Accord's data on each platform, so the app and
 * the browser host use the same folder unless told otherwise.
 */
export function electronUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME);
}

/** `--data` beats `ACCORD_DATA_DIR`, which beats the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? env.ACCORD_DATA_DIR ?? electronUserDataDir(env);
}
