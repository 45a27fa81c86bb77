import { useApp } from '../../app/context';
import { useAsync } from '../../ui/useAsync';

/** A document's versions, oldest first, with a way to read them again after a change. */
export function useVersions(documentId: string) {
  const { api } = useApp();
  return useAsync(() => api.call('versions.list', { documentId }), [api, documentId]);
}

/** "Rev.3" after "Rev.2": the label a secretariat would most likely type next. */
export function nextRevisionLabel(labels: ReadonlyArray<string>): string {
  let highest = 0;
  for (const label of labels) {
    const match = /^Rev\.?\s*(\d+)$/i.exec(label.trim());
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `Rev.${highest + 1}`;
}
