import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AccordError } from '../../shared/api/errors';
import { Role } from '../../shared/model/invitation';
import { consoleLogger } from '../storage/logger';
import { DEFAULT_HUB_LIMITS } from './hubLimits';
import { startHub } from './hubServer';
import { openHubServices } from './hubServices';

const USAGE = `Usage:
  npm run hub -- [serve] --data DIR [--host 127.0.0.1] [--port N] [--max-message-mb 16] [--max-room-mb 64] [--cert FILE --key FILE]
  npm run hub -- invite --data DIR --meeting ID --role secretariat|delegate|observer [--delegation NAME]
  npm run hub -- invitations --data DIR --meeting ID
  npm run hub -- revoke --data DIR (--id ID | --code CODE)`;

function fail(message: string): never {
  console.error(`accord-hub: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

const OPTIONS = {
  data: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '0' },
  'max-message-mb': { type: 'string' },
  'max-room-mb': { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  meeting: { type: 'string' },
  role: { type: 'string' },
  delegation: { type: 'string' },
  id: { type: 'string' },
  code: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return console.log(USAGE);
  const command = positionals[0] ?? 'serve';
  if (!values.data) fail('--data DIR is required: the folder where the hub keeps its database.');
  const log = consoleLogger('accord-hub');
  const hub = openHubServices(resolve(values.data), log);

  switch (command) {
    case 'serve': {
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not “${values.port}”.`);
      const maxMb = values['max-message-mb'] === undefined ? DEFAULT_HUB_LIMITS.maxMessageBytes / 1024 / 1024 : Number(values['max-message-mb']);
      if (!(maxMb > 0)) fail('--max-message-mb must be a positive number.');
      const roomMb = values['max-room-mb'] === undefined ? DEFAULT_HUB_LIMITS.maxRoomBytes / 1024 / 1024 : Number(values['max-room-mb']);
      if (!(roomMb > 0)) fail('--max-room-mb must be a positive number.');
      if (Boolean(values.cert) !== Boolean(values.key)) fail('--cert and --key go together.');
      const running = await startHub({
        ...hub,
        log,
        host: values.host,
        port,
        limits: { maxMessageBytes: Math.round(maxMb * 1024 * 1024), maxRoomBytes: Math.round(roomMb * 1024 * 1024) },
        tls: values.cert && values.key ? { certFile: values.cert, keyFile: values.key } : undefined,
      });
      console.log(`Hub listening on ${running.url}`);
      const stop = () => void running.close().finally(() => (hub.close(), process.exit(0)));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
    case 'invite': {
      const role = Role.safeParse(values.role);
      if (!values.meeting) fail('--meeting ID is required.');
      if (!role.success) fail('--role must be secretariat, delegate or observer.');
      const issued = hub.invitations.issue({ meetingId: values.meeting, role: role.data, delegation: values.delegation ?? null });
      console.log(`${issued.code}\t${issued.role}${issued.delegation ? ` (${issued.delegation})` : ''}\tid ${issued.id}`);
      break;
    }
    case 'invitations': {
      if (!values.meeting) fail('--meeting ID is required.');
      for (const inv of hub.invitations.list(values.meeting)) {
        const state = inv.revokedAt ? `revoked ${new Date(inv.revokedAt).toISOString()}` : 'active';
        console.log(`${inv.id}\t${inv.role}${inv.delegation ? ` (${inv.delegation})` : ''}\t${state}`);
      }
      break;
    }
    case 'revoke': {
      const target = values.id ?? values.code;
      if (!target) fail('revoke needs --id ID or --code CODE.');
      const revoked = hub.invitations.revoke(target);
      console.log(`Revoked ${revoked.id} (${revoked.role}${revoked.delegation ? `, ${revoked.delegation}` : ''}); live connections close within seconds.`);
      break;
    }
    default:
      fail(`unknown command “${command}”.`);
  }
  hub.close();
}

main().catch((error: unknown) => {
  console.error(`accord-hub: ${error instanceof AccordError || error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
