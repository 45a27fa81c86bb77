import './startMark';
import { type i18n } from 'i18next';
import { useCallback, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { AppStatus } from '../shared/api/contract';
import type { AccordBridge } from '../shared/api/bridge';
import { defaultSettings, type Language, type Settings } from '../shared/model/settings';
import { App } from './app/App';
import { AppContext, type AppServices } from './app/context';
import { ErrorScreen } from './ui/ErrorScreen';
import { parseRoute } from './app/route';
import { createI18n } from './i18n/i18n';
import { ApiClient } from './platform/apiClient';
import { DocumentPreloader } from './platform/documentPreloader';
import type { Channel } from './platform/channel';
import { ipcChannel } from './platform/ipcChannel';
import { webSocketChannel } from './platform/webSocketChannel';
import './fonts';
import './styles.css';

declare global {
  interface Window {
    accord?: AccordBridge;
  }
}

/** Electron's preload gives the window a bridge; without one this page came from the browser host. */
function openChannel(): Channel {
  if (window.accord) return ipcChannel(window.accord);
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketChannel(`${scheme}://${window.location.host}/api`);
}

interface RootProps {
  api: ApiClient;
  preloader: DocumentPreloader;
  status: AppStatus;
  i18n: i18n;
  initial: Settings;
}

function Root({ api, preloader, status, i18n, initial }: RootProps) {
  const [language, setLanguageState] = useState<Language>(initial.language);
  const [profile, setProfileState] = useState({ name: initial.name, delegation: initial.delegation });
  const setProfile = useCallback(
    async (next: { name: string; delegation: string }) => {
      const settings = await api.call('settings.update', next);
      setProfileState({ name: settings.name, delegation: settings.delegation });
    },
    [api],
  );
  const setLanguage = useCallback(
    async (next: Language) => {
      const settings = await api.call('settings.update', { language: next });
      await i18n.changeLanguage(settings.language);
      document.documentElement.lang = settings.language;
      setLanguageState(settings.language);
    },
    [api, i18n],
  );
  const services = useMemo<AppServices>(
    () => ({ api, preloader, language, setLanguage, profile, setProfile }),
    [api, preloader, language, setLanguage, profile, setProfile],
  );
  return (
    <I18nextProvider i18n={i18n}>
      {status.state === 'failed' ? (
        <ErrorScreen error={status.error} />
      ) : (
        <AppContext.Provider value={services}>
          <App />
        </AppContext.Provider>
      )}
    </I18nextProvider>
  );
}

async function boot(): Promise<void> {
  // User Timing marks: `npm run bench` reads them to say where the time to an editable text goes.
  performance.mark('accord:modules-done');
  const api = new ApiClient(openChannel());
  const statusCall = api.call('app.status', {});
  const preloader = new DocumentPreloader(api);
  // Opened on a declaration (a reload, a restart): its text starts coming while the app renders.
  const route = parseRoute(window.location.hash);
  if (route.name === 'document') preloader.start(route.documentId);
  const status = await statusCall;
  performance.mark('accord:status');
  const settings = status.state === 'ready' ? status.settings : defaultSettings;
  const i18n = await createI18n(settings.language);
  document.documentElement.lang = settings.language;
  document.title = i18n.t('app.name');
  const root = createRoot(document.getElementById('root')!);
  // Rendered synchronously, so the first screen's effects (the editor connecting to its text)
  // run in the same task instead of after a paint of an empty page.
  flushSync(() => root.render(<Root api={api} preloader={preloader} status={status} i18n={i18n} initial={settings} />));
}

void boot();
