import { DeclarationScreen } from '../features/declaration/DeclarationScreen';
import { CompareScreen } from '../features/versions/CompareScreen';
import { VersionScreen } from '../features/versions/VersionScreen';
import { MeetingScreen } from '../features/meetings/MeetingScreen';
import { MeetingsScreen } from '../features/meetings/MeetingsScreen';
import { AppShell } from './AppShell';
import { useRoute } from './route';

export function App() {
  const route = useRoute();
  return (
    <AppShell>
      {route.name === 'meetings' && <MeetingsScreen />}
      {route.name === 'meeting' && <MeetingScreen key={route.meetingId} meetingId={route.meetingId} />}
      {route.name === 'document' && <DeclarationScreen key={route.documentId} documentId={route.documentId} />}
      {route.name === 'version' && <VersionScreen key={route.versionId} documentId={route.documentId} versionId={route.versionId} />}
      {route.name === 'compare' && <CompareScreen documentId={route.documentId} before={route.before} after={route.after} />}
    </AppShell>
  );
}
