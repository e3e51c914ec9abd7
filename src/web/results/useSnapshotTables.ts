/** Several whole tables of one snapshot, read together (null until there is a snapshot). */
import { useEffect, useState } from 'react';
import type { ResultTableName } from '../api/client';
import { readTable, type Row } from './rows';

export function useSnapshotTables<N extends ResultTableName>(
  assessment: string,
  snapshot: number | undefined,
  names: readonly N[],
  onProgress?: (read: number, total: number) => void,
): { tables: Record<N, Row[]> | undefined; error: unknown } {
  const [state, setState] = useState<{ sid: number; tables: Record<N, Row[]> }>();
  const [error, setError] = useState<unknown>(null);
  const key = names.join(',');
  useEffect(() => {
    if (snapshot === undefined) return;
    let live = true;
    setError(null);
    Promise.all(key.split(',').map((n) => readTable(assessment, snapshot, n as N, onProgress))).then(
      (all) => {
        if (!live) return;
        const tables = Object.fromEntries(key.split(',').map((n, i) => [n, all[i] ?? []])) as Record<
          N,
          Row[]
        >;
        setState({ sid: snapshot, tables });
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
    // onProgress is a callback for the view only; a new one does not reload
  }, [assessment, snapshot, key]);
  return { tables: state && state.sid === snapshot ? state.tables : undefined, error };
}
