import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Language } from '../../shared/model/settings';
import { useApp } from './context';
import { ProfileDialog } from './ProfileDialog';

/** The settings menu in the window's header: the interface language, and who this person is. */
export function SettingsMenu() {
  const { t } = useTranslation();
  const { language, setLanguage, profile } = useApp();
  const [open, setOpen] = useState(false);
  const [editingProfile, setEditingProfile] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="button button--quiet"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true" className="icon">⚙</span> {t('settings.button')}
      </button>
      {open && (
        <div role="menu" aria-label={t('settings.button')} className="menu__popover">
          <div className="menu__label" id="language-label">{t('settings.language')}</div>
          <div role="group" aria-labelledby="language-label">
            {Language.options.map((option) => (
              <button
                key={option}
                type="button"
                role="menuitemradio"
                aria-checked={language === option}
                className="menu__item"
                lang={option}
                onClick={() => {
                  setOpen(false);
                  void setLanguage(option);
                }}
              >
                <span className="menu__check" aria-hidden="true">{language === option ? '✓' : ''}</span>
                {t(`languages.${option}`)}
              </button>
            ))}
          </div>
          <div className="menu__label">{t('profile.menuLabel')}</div>
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            onClick={() => {
              setOpen(false);
              setEditingProfile(true);
            }}
          >
            <span className="menu__check" aria-hidden="true" />
            {profile.name ? t('profile.menuNamed', { name: profile.name }) : t('profile.menuUnnamed')}
          </button>
        </div>
      )}
      {/* Out of the header, whose styles (light text on the dark bar) are not a dialog's. */}
      {editingProfile && createPortal(<ProfileDialog onClose={() => setEditingProfile(false)} />, document.body)}
    </div>
  );
}
