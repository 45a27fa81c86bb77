/** Structured log lines; services take one so tests can listen and the host can print. */
export interface Logger {
  info(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

export function consoleLogger(prefix = 'accord'): Logger {
  const line = (level: string, event: string, fields?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${prefix} ${level} ${event}${fields ? ` ${JSON.stringify(fields)}` : ''}`;
  return {
    info: (event, fields) => console.log(line('info', event, fields)),
    error: (event, fields) => console.error(line('error', event, fields)),
  };
}

export const silentLogger: Logger = { info: () => undefined, error: () => undefined };
