import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INSERT_CLAUSE_COMMAND } from '../../../shared/declaration/binding/declarationCommands';
import type { MeetingSummary } from '../../../shared/model/meeting';
import { type DraftLanguage, draftLanguageOf } from '../../../shared/model/settings';
import { fillTemplate, type FilledSegment } from '../../../shared/model/templatePlaceholders';
import { meetingTemplateContext, searchTemplates, tagsToShow, type Template, type TemplateList } from '../../../shared/model/templates';
import { useApp } from '../../app/context';

interface Props {
  meeting: MeetingSummary | null;
  delegation: string | null;
  /** The secretariat may share a template with everyone in the meeting. */
  canPublish: boolean;
  onClose(): void;
}

function preview(segments: ReadonlyArray<FilledSegment>) {
  return segments.map((segment, index) =>
    segment.type === 'text' ? <span key={index}>{segment.text}</span> : <mark key={index} className="palette__field">{`{{${segment.name}}}`}</mark>,
  );
}

/**
 * Ctrl+K: find a clause by its words or tags (in any language, with or without diacritics),
 * see it filled from the meeting, and insert it as a paragraph of the right kind. Personal
 * templates can be imported from a file here and shared with the meeting by the secretariat.
 */
export function TemplatePalette({ meeting, delegation, canPublish, onClose }: Props) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [editor] = useLexicalComposerContext();
  const dialog = useRef<HTMLDialogElement>(null);
  const listId = useId();
  const [list, setList] = useState<TemplateList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [lang, setLang] = useState<DraftLanguage | 'all'>(draftLanguageOf(language));
  const [active, setActive] = useState(0);

  const load = () =>
    api.call('templates.list', meeting ? { meetingId: meeting.id } : {}).then(setList, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  useEffect(() => {
    dialog.current?.showModal();
    void load();
    // Loaded once per opening; `load` is recreated every render.
  }, []);

  const results = useMemo(() => (list ? searchTemplates(list.templates, query, lang === 'all' ? {} : { language: lang }).slice(0, 50) : []), [list, query, lang]);
  const chosen: Template | undefined = results[Math.min(active, results.length - 1)];
  const fill = (template: Template) =>
    fillTemplate(template.text, meeting ? meetingTemplateContext(meeting, { language: template.language, delegation }) : { delegation: delegation ?? undefined });

  const insert = (template: Template) => {
    const segments = fill(template);
    editor.dispatchCommand(INSERT_CLAUSE_COMMAND, { kind: template.kind, segments });
    dialog.current?.close();
    editor.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, results.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter' && chosen) insert(chosen);
    else return;
    event.preventDefault();
  };

  const importFile = async (file: File) => {
    setError(null);
    try {
      const result = await api.call('templates.import', { fileName: file.name, content: await file.text() });
      setMessage(t('palette.imported', { count: result.imported.length }));
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const publish = async (template: Template) => {
    if (!meeting) return;
    try {
      await api.call('templates.publish', { meetingId: meeting.id, templateId: template.id });
      setMessage(t('palette.published', { title: template.title }));
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <dialog ref={dialog} className="dialog palette" aria-labelledby="palette-title" onClose={onClose}>
      <h2 id="palette-title">{t('palette.title')}</h2>
      <div className="palette__search">
        <input
          type="search"
          autoFocus
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-label={t('palette.search')}
          placeholder={t('palette.placeholder')}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <select aria-label={t('palette.language')} value={lang} onChange={(event) => setLang(event.target.value as DraftLanguage | 'all')}>
          <option value="en">English</option>
          <option value="vi">Tiếng Việt</option>
          <option value="all">{t('palette.allLanguages')}</option>
        </select>
      </div>
      {draftLanguageOf(language) !== language && <p className="palette__note">{t('palette.libraryLanguages')}</p>}
      {list && list.problems.length > 0 && (
        <p className="field__error">{list.problems.map((p) => `${p.file}: ${p.message}`).join(' · ')}</p>
      )}
      {error && (
        <p role="alert" className="field__error">
          {error}
        </p>
      )}
      {message && <p role="status">{message}</p>}
      <div className="palette__body">
        <div className="palette__list">
          {/* Said beside the listbox, not in it: a listbox holds options only. */}
          {!list && <p className="palette__empty">{t('palette.loading')}</p>}
          {list && results.length === 0 && <p className="palette__empty">{t('palette.none')}</p>}
          <ul id={listId} role="listbox" aria-label={t('palette.results')} className="palette__options">
            {results.map((template, index) => (
              <li
                key={`${template.source}:${template.id}`}
                role="option"
                aria-selected={template === chosen}
                className="palette__item"
                onMouseEnter={() => setActive(index)}
                onClick={() => insert(template)}
              >
                <span className="palette__kind">{t(`kinds.${template.kind}`)}</span>
                <span className="palette__title">{template.title}</span>
                <span className="palette__tags">
                  {template.source !== 'builtin' && <em>{t(`palette.source.${template.source}`)} · </em>}
                  {tagsToShow(template, list?.templates ?? [], draftLanguageOf(language)).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <section className="palette__preview" aria-label={t('palette.preview')}>
          {chosen ? (
            <>
              <p className="palette__preview-text">{preview(fill(chosen))}</p>
              <div className="dialog__actions">
                {canPublish && chosen.source === 'personal' && meeting && (
                  <button type="button" className="button button--secondary" onClick={() => void publish(chosen)}>
                    {t('palette.publish')}
                  </button>
                )}
                <button type="button" className="button button--primary" onClick={() => insert(chosen)}>
                  {t('palette.insert', { kind: t(`kinds.${chosen.kind}`) })}
                </button>
              </div>
            </>
          ) : null}
        </section>
      </div>
      <div className="palette__foot">
        <label className="button button--quiet">
          {t('palette.import')}
          <input type="file" accept=".json,application/json" className="visually-hidden" onChange={(event) => event.target.files?.[0] && void importFile(event.target.files[0])} />
        </label>
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
          {t('palette.close')}
        </button>
      </div>
    </dialog>
  );
}
