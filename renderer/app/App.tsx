import { lazy, Suspense, useEffect } from 'react';
import { DeclarationScreen } from '../features/declaration/DeclarationScreen';
import { AppShell } from './AppShell';
import { useApp } from './context';
import { useRoute } from './route';

// The declaration screen is in the first script, since a reload or restart most often lands on
// it; the others load when first visited, which keeps the first script short.
const MeetingsScreen = lazy(() => import('../features/meetings/MeetingsScreen').then((m) => ({ default: m.MeetingsScreen })));
const MeetingScreen = lazy(() => import('../features/meetings/MeetingScreen').then((m) => ({ default: m.MeetingScreen })));
const VersionScreen = lazy(() => import('../features/versions/VersionScreen').then((m) => ({ default: m.VersionScreen })));
const BinScreen = lazy(() => import('../features/meetings/BinScreen').then((m) => ({ default: m.BinScreen })));
const CompareScreen = lazy(() => import('../features/versions/CompareScreen').then((m) => ({ default: m.CompareScreen })));

export function App() {
  const { preloader } = useApp();
  // A declaration's text is asked for as soon as its address is, while its screen renders.
  const route = useRoute((next) => next.name === 'document' && preloader.start(next.documentId));
  const openDocument = route.name === 'document' ? route.documentId : null;
  // A declaration preloaded at boot and left before its editor took it is closed.
  useEffect(() => preloader.keepOnly(openDocument), [preloader, openDocument]);
  return (
    <AppShell>
      <Suspense fallback={null}>
        {route.name === 'meetings' && <MeetingsScreen />}
        {route.name === 'bin' && <BinScreen />}
        {route.name === 'meeting' && <MeetingScreen key={route.meetingId} meetingId={route.meetingId} />}
        {route.name === 'document' && <DeclarationScreen key={route.documentId} documentId={route.documentId} />}
        {route.name === 'version' && <VersionScreen key={route.versionId} documentId={route.documentId} versionId={route.versionId} />}
        {route.name === 'compare' && <CompareScreen documentId={route.documentId} before={route.before} after={route.after} />}
      </Suspense>
    </AppShell>
  );
}
