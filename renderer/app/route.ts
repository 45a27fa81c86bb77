import { useEffect, useRef, useState } from 'react';

export type Route =
  | { name: 'meetings' }
  | { name: 'bin' }
  | { name: 'meeting'; meetingId: string }
  | { name: 'document'; documentId: string }
  | { name: 'version'; documentId: string; versionId: string }
  /** `before` and `after` are version ids, or `current` for the text as it stands. */
  | { name: 'compare'; documentId: string; before: string; after: string };

/** A hand-typed hash may hold a stray "%": it then reads as written rather than failing. */
function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Routes live in the hash, so a reload (or the host's restart) lands on the same screen. */
export function parseRoute(hash: string): Route {
  const [, kind, id, view, first, second] = hash.replace(/^#/, '').split('/').map(decodePart);
  if (kind === 'bin') return { name: 'bin' };
  if (kind === 'meeting' && id) return { name: 'meeting', meetingId: id };
  if (kind === 'document' && id && view === 'version' && first) return { name: 'version', documentId: id, versionId: first };
  if (kind === 'document' && id && view === 'compare' && first && second) {
    return { name: 'compare', documentId: id, before: first, after: second };
  }
  if (kind === 'document' && id) return { name: 'document', documentId: id };
  return { name: 'meetings' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'meetings':
      return '#/';
    case 'bin':
      return '#/bin';
    case 'meeting':
      return `#/meeting/${route.meetingId}`;
    case 'document':
      return `#/document/${route.documentId}`;
    case 'version':
      return `#/document/${route.documentId}/version/${encodeURIComponent(route.versionId)}`;
    case 'compare':
      return `#/document/${route.documentId}/compare/${encodeURIComponent(route.before)}/${encodeURIComponent(route.after)}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

/** The route in the address; `onChange` hears of a new one before React renders it. */
export function useRoute(onChange?: (route: Route) => void): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  const listener = useRef(onChange);
  listener.current = onChange;
  useEffect(() => {
    const onHashChange = () => {
      const next = parseRoute(window.location.hash);
      listener.current?.(next);
      setRoute(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return route;
}
