import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelState } from '../platform/channel';
import { useApp } from './context';
import { navigate } from './route';
import { SettingsMenu } from './SettingsMenu';

export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [connection, setConnection] = useState<ChannelState>(api.state);
  useEffect(() => api.onStateChange(setConnection), [api]);

  return (
    <div className="shell">
      <header className="shell__bar">
        <a
          className="brand"
          href="#/"
          onClick={(event) => {
            event.preventDefault();
            navigate({ name: 'meetings' });
          }}
        >
          <span className="brand__mark" aria-hidden="true">A</span>
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </a>
        <SettingsMenu />
      </header>
      {connection === 'closed' && (
        <div role="alert" className="banner banner--warning">
          {t('app.connectionLost')}
        </div>
      )}
      {connection === 'gone' && (
        <div role="alert" className="banner banner--warning">
          {t('app.servicesGone')}
        </div>
      )}
      <main className="shell__main">{children}</main>
    </div>
  );
}
