/**
 * The state of a dialog's or a form's action (save, create, answer): `busy` while it runs (the
 * button's spinner) and the `error` it ended with (for ErrorAlert), cleared when it runs again.
 *
 * @example
 *   const { busy, error, run } = useAction();
 *   const save = (f: Fields) => run(async () => props.onSaved(await api.judge(id, f)));
 */
import { useCallback, useState } from 'react';

export function useAction(): {
  busy: boolean;
  error: unknown;
  setError: (e: unknown) => void;
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
