import type { ApiHandlers } from '../../shared/api/contract';
import { defaultSettings, Language, type Settings } from '../../shared/model/settings';
import type { AppStore } from '../storage/appStore';

export function readSettings(store: AppStore): Settings {
  const language = Language.safeParse(store.getSetting('language'));
  return { language: language.success ? language.data : defaultSettings.language };
}

export function createSettingsService(store: AppStore): Pick<ApiHandlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => readSettings(store),
    'settings.update': ({ language }) => {
      store.setSetting('language', language);
      return readSettings(store);
    },
  };
}
