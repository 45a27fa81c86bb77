import { en } from '../../shared/i18n/ui/en';
import { km } from '../../shared/i18n/ui/km';
import { vi } from '../../shared/i18n/ui/vi';
import { createMeeting, declarationText, expectSaved, newDeclaration, PHNOM_PENH } from '../support/accordPage';
import { expectAllSynced, hostWithCode, hubStatus, joinMeeting, meetingIdOf, stopHosting } from '../support/collaboration';
import { checkScreen } from '../support/accessibility';
import { expect, test } from '../support/fixtures';
import { invite } from '../support/hub';

test.describe.configure({ timeout: 240_000 });
// axe-core goes in as an inline script, which Accord's content security policy rightly refuses.
test.use({ bypassCSP: true });

test('the secretariat moves a meeting from its laptop to an online hub and back; the delegate’s app follows each time, with the code it had', async ({
  laptop,
  makeDir,
  launchHost,
  launchHub,
}) => {
  // The venue: the secretariat hosts the meeting on the local network and hands out a code.
  process.env.ACCORD_LAN_BIND = '127.0.0.1';
  const a = await laptop((await launchHost(makeDir())).url);
  delete process.env.ACCORD_LAN_BIND;
  await createMeeting(a);
  const meetingId = meetingIdOf(a);
  const { address: lanAddress, code } = await hostWithCode(a, 'Phnom Penh');

  const b = await laptop((await launchHost(makeDir())).url);
  await joinMeeting(b, lanAddress, code, 'Dara');
  await expectAllSynced(b);
  await newDeclaration(a);
  const editorA = declarationText(a);
  await editorA.click();
  await a.keyboard.type('Recognizing the role of capital cities,');
  await expectSaved(a);
  await b.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(b)).toContainText('Recognizing the role of capital cities,');

  // Between sessions: the meeting moves to an online hub, with a secretariat code its operator gave.
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  await a.getByRole('link', { name: /Back to / }).click();
  await a.getByRole('button', { name: 'Move to another hub…' }).click();
  const move = a.getByRole('dialog', { name: 'Move this meeting to another hub' });
  await expect(move.getByRole('radio', { name: /This computer/ })).toHaveCount(0);
  await move.getByLabel('Hub address').fill(hub.url);
  await move.getByLabel('Secretariat code for this meeting on that hub').fill(invite(hubDir, meetingId, 'secretariat'));
  await a.screenshot({ path: test.info().outputPath('move-to-hub.png') });
  await checkScreen(a, 'the move dialog');
  await move.getByRole('button', { name: 'Move meeting' }).click();
  const moved = a.getByRole('dialog', { name: 'Meeting moved' });
  await expect(moved.getByRole('status')).toContainText(`Moved to ${hub.url}. 1 invitation went with it`);
  await expect(moved.getByRole('status')).toContainText('This computer still hosts the meeting');
  await a.screenshot({ path: test.info().outputPath('moved-to-hub.png') });
  await checkScreen(a, 'the moved dialog');
  await moved.getByRole('button', { name: 'Close' }).click();
  await expect(hubStatus(a)).toContainText(`Also hosted on this computer at ${lanAddress}`);

  // Once the delegate's app is there, the laptop stops hosting: drafting goes on through the hub.
  await stopHosting(a, 'Invitations (local network)');
  await expect(hubStatus(a)).not.toContainText('Also hosted');
  await expectAllSynced(a);
  await expectAllSynced(b);
  const editorB = declarationText(b);
  await editorB.click();
  await b.keyboard.press('Control+End');
  await b.keyboard.press('Enter');
  await b.keyboard.type('Phnom Penh proposes a river fund;');
  await expectSaved(b);
  await a.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(a)).toContainText('Phnom Penh proposes a river fund;');

  // Back at the venue: the meeting moves to the secretariat's laptop again, and the hub is left.
  await a.getByRole('link', { name: /Back to / }).click();
  await a.getByRole('button', { name: 'Move to another hub…' }).click();
  await move.getByRole('radio', { name: /This computer, on the local network/ }).check();
  await expect(move.getByRole('list', { name: 'Hub address' })).toBeVisible();
  await checkScreen(a, 'the move dialog, to this computer');
  await move.getByRole('button', { name: 'Move meeting' }).click();
  await expect(moved.getByRole('status')).toContainText('Now hosted on this computer. 2 invitations came with it');
  await a.screenshot({ path: test.info().outputPath('moved-here.png') });
  await moved.getByRole('button', { name: 'Close' }).click();
  await expect(hubStatus(a)).toContainText('Hosting on the local network');

  // The hub goes away; the delegate's words still reach the secretariat, over the local network.
  await expect(hubStatus(b)).toContainText('Online');
  await hub.stop('SIGKILL');
  await editorB.click();
  await b.keyboard.press('Control+End');
  await b.keyboard.type(' and a heat plan;');
  await expectSaved(b);
  await a.getByRole('link', { name: /Draft declaration/ }).click();
  await expect(declarationText(a)).toContainText('river fund; and a heat plan;', { timeout: 15_000 });
});

test('the move dialog reads in every language and passes the accessibility rules', async ({ laptop, makeDir, launchHost }) => {
  process.env.ACCORD_LAN_BIND = '127.0.0.1';
  const host = await launchHost(makeDir());
  delete process.env.ACCORD_LAN_BIND;
  const a = await laptop(host.url);
  await createMeeting(a);
  await a.getByRole('button', { name: 'Host on local network' }).click();
  await a.getByRole('dialog', { name: 'Host this meeting on the local network?' }).getByRole('button', { name: 'Start hosting' }).click();
  await a.getByRole('dialog', { name: 'Host this meeting on the local network', exact: true }).getByRole('button', { name: 'Close' }).click();
  const meetingUrl = a.url();
  for (const [code, words] of [['en', en], ['vi', vi], ['km', km]] as const) {
    if (code !== 'en') {
      await a.getByRole('button', { name: en.settings.button }).click();
      await a.getByRole('menuitemradio', { name: en.languages[code] }).click();
      await expect(a.locator('html')).toHaveAttribute('lang', code);
      await a.goto(meetingUrl);
    }
    await a.getByRole('button', { name: words.move.button }).click();
    const dialog = a.getByRole('dialog', { name: words.move.title });
    await expect(dialog.getByRole('radio', { name: new RegExp(words.move.toHub) })).toBeChecked();
    await checkScreen(a, `the move dialog in ${code}`);
    await a.screenshot({ path: test.info().outputPath(`move-${code}.png`) });
    await dialog.getByRole('button', { name: words.move.cancel }).click();
    await expect(dialog).toBeHidden();
    if (code !== 'en') {
      await a.getByRole('button', { name: words.settings.button }).click();
      await a.getByRole('menuitemradio', { name: words.languages.en }).click();
      await expect(a.locator('html')).toHaveAttribute('lang', 'en');
    }
  }
});

test('a delegate who missed the notice, its laptop closed until the venue stopped hosting, joins the new hub with the code it had once it confirms the move', async ({
  laptop,
  makeDir,
  launchHost,
  launchHub,
}) => {
  process.env.ACCORD_LAN_BIND = '127.0.0.1';
  const a = await laptop((await launchHost(makeDir())).url);
  delete process.env.ACCORD_LAN_BIND;
  await createMeeting(a);
  const meetingId = meetingIdOf(a);
  const { address: lanAddress, code } = await hostWithCode(a, 'Phnom Penh');
  const dirB = makeDir();
  const hostB = await launchHost(dirB);
  let b = await laptop(hostB.url);
  await joinMeeting(b, lanAddress, code, 'Dara');
  await expectAllSynced(b);
  await b.close();
  await hostB.stop('SIGKILL');

  // The secretariat moves the meeting online and stops hosting before Dara's laptop is back.
  const hubDir = makeDir();
  const hub = await launchHub(hubDir);
  await a.getByRole('button', { name: 'Move to another hub…' }).click();
  const move = a.getByRole('dialog', { name: 'Move this meeting to another hub' });
  await move.getByLabel('Hub address').fill(hub.url);
  await move.getByLabel('Secretariat code for this meeting on that hub').fill(invite(hubDir, meetingId, 'secretariat'));
  await move.getByRole('button', { name: 'Move meeting' }).click();
  await a.getByRole('dialog', { name: 'Meeting moved' }).getByRole('button', { name: 'Close' }).click();
  await stopHosting(a, 'Invitations (local network)');

  // Dara's app cannot reach the venue's laptop; the secretariat gives the new address, and the code still works.
  b = await laptop((await launchHost(dirB)).url);
  await joinMeeting(b, hub.url, code, 'Dara');
  const join = b.getByRole('dialog', { name: 'Join a meeting' });
  await expect(join.getByRole('alert')).toContainText(`This meeting is shared through ${lanAddress}, and this laptop has no notice`);
  await b.screenshot({ path: test.info().outputPath('confirm-move.png') });
  await join.getByRole('button', { name: 'Move it to this hub' }).click();
  await expect(b.getByRole('heading', { level: 1, name: PHNOM_PENH.title })).toBeVisible();
  await expectAllSynced(b);
  await expect(hubStatus(b)).toContainText('You: Delegate (Phnom Penh)');
});
