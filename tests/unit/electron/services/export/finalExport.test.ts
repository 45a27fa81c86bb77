import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../../electron/storage/logger';
import { createServices } from '../../../../../electron/services/services';
import { SAMPLE_MEETING, writeSampleToMeeting } from '../../../../fixtures/exportSample';
import { useTempDirs } from '../../../helpers';

describe('a final export of a text not all agreed', () => {
  const tempDir = useTempDirs();

  it('is refused without a choice, naming each part, in every format; with one, prints or leaves them out', async () => {
    const services = createServices({ dataDir: tempDir(), version: 'test', log: silentLogger });
    try {
      const { handlers } = services;
      const meeting = await handlers['meetings.create'](SAMPLE_MEETING);
      const { id: documentId } = await handlers['documents.create']({ meetingId: meeting.id, title: 'Phnom Penh Declaration' });
      writeSampleToMeeting(services.replicas!, meeting.id, documentId);

      const { parts } = await handlers['export.unagreedText']({ documentId });
      expect(parts.map((p) => p.label)).toEqual(['PP2', 'PP3', 'PP4', 'OP1', 'OP2', 'OP2(a)', 'OP3', 'OP4']);
      for (const format of ['md', 'docx', 'html'] as const) {
        await expect(handlers['export.declaration']({ documentId, format, mode: 'final', paper: 'a4' })).rejects.toThrow(
          /^This text is not all agreed: PP2 \(pending\), .*OP1 \(open bracket\).*\. Choose to print those parts as they stand, or to leave them out\.$/,
        );
      }
      // A negotiation draft shows every bracket and status as it is: nothing to choose.
      await expect(handlers['export.declaration']({ documentId, format: 'md', mode: 'negotiation', paper: 'a4' })).resolves.toBeDefined();

      const markdown = async (unagreed: 'include' | 'omit') =>
        Buffer.from((await handlers['export.declaration']({ documentId, format: 'md', mode: 'final', paper: 'a4', unagreed })).base64, 'base64').toString('utf8');
      const included = await markdown('include');
      expect(included).toContain('nhận tầm quan trọng');
      expect(included).toContain('that they shall publish');
      const omitted = await markdown('omit');
      expect(omitted).toContain('*Recognizing* the necessity of cooperation');
      expect(omitted).not.toContain('nhận tầm quan trọng');
      expect(omitted).not.toContain('shall');
    } finally {
      services.close();
    }
  });
});
