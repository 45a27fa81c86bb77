import { type i18n } from 'i18next';
import { useCallback, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { AppStatus } from '../shared/api/contract';
import type { AccordBridge } from '../shared/api/bridge';
import { defaultSettings, type Language } from '../shared/model/settings';
import { App } from './app/App';
import { AppContext, type AppServices } from './app/context';
import { ErrorScreen } from './app/ErrorScreen';
import { createI18n } from './i18n/i18n';
import { ApiClient } from './platform/apiClient';
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

function Root({ api, status, i18n, initial }: { api: ApiClient; status: AppStatus; i18n: i18n; initial: Language }) {
  const [language, setLanguageState] = useState<Language>(initial);
  const setLanguage = useCallback(
    async (next: Language) => {
      const settings = await api.call('settings.update', { language: next });
      await i18n.changeLanguage(settings.language);
      document.documentElement.lang = settings.language;
      setLanguageState(settings.language);
    },
    [api, i18n],
  );
  const services = useMemo<AppServices>(() => ({ api, language, setLanguage }), [api, language, setLanguage]);
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
  const api = new ApiClient(openChannel());
  const status = await api.call('app.status', {});
  const settings = status.state === 'ready' ? status.settings : defaultSettings;
  const i18n = await createI18n(settings.language);
  document.documentElement.lang = settings.language;
  document.title = i18n.t('app.name');
  createRoot(document.getElementById('root')!).render(
    <Root api={api} status={status} i18n={i18n} initial={settings.language} />,
  );
}

void boot();
