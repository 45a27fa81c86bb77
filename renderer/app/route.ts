import { useEffect, useState } from 'react';

export type Route =
  | { name: 'meetings' }
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

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
