import { useEffect, useState } from 'react';

/**
 * A value main knows and may change on its own (hub status, who is online), asked for now and
 * every `intervalMs`; null until the first answer, and for no `key`. Failed polls keep the last value.
 * An answer equal to the last keeps the last (the same object): a screen holding an editor must
 * not render again every second for nothing.
 */
export function usePolled<T>(key: string | undefined, load: (key: string) => Promise<T>, intervalMs: number): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const poll = () =>
      load(key).then(
        (next) => live && setValue((previous) => (previous !== null && JSON.stringify(previous) === JSON.stringify(next) ? previous : next)),
        () => undefined,
      );
    void poll();
    const timer = setInterval(() => void poll(), intervalMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
    // `load` is a new closure each render; what it loads is fixed by `key`.
  }, [key, intervalMs]);
  return value;
}
