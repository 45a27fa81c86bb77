import { useEffect, useState } from 'react';

/** How long "Copied" stays: long enough to read, gone before it could be taken for a later copy's. */
const CONFIRMATION_MS = 3000;

export type CopyOutcome = 'copied' | 'failed' | null;

/**
 * Copies text to the clipboard and says how it went, for a status region beside the button. A
 * browser may refuse the clipboard to the page: the text is then on screen to select by hand.
 */
export function useCopy(): { outcome: CopyOutcome; copy(text: string): Promise<void> } {
  const [outcome, setOutcome] = useState<CopyOutcome>(null);
  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = setTimeout(() => setOutcome(null), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [outcome]);
  const copy = async (text: string) => {
    setOutcome(null);
    try {
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return { outcome, copy };
}
