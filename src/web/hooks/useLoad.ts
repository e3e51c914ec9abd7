import { useCallback, useEffect, useState } from 'react';

/** Loads data on mount and on reload(); the error is kept for an ErrorAlert. */
export function useLoad<T>(load: () => Promise<T>): {
  data: T | undefined;
  error: unknown;
  reload: () => void;
} {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (live) {
          setData(d);
          setError(null);
        }
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [load, n]);
  return { data, error, reload: useCallback(() => setN((x) => x + 1), []) };
}
