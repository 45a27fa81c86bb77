import { useEffect, useState } from 'react';

export type Route =
  | { name: 'meetings' }
  | { name: 'meeting'; meetingId: string }
  | { name: 'document'; documentId: string };

/** Routes live in the hash, so a reload (or the host's restart) lands on the same screen. */
export function parseRoute(hash: string): Route {
  const [, kind, id] = hash.replace(/^#/, '').split('/');
  if (kind === 'meeting' && id) return { name: 'meeting', meetingId: id };
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
