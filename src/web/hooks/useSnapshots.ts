/**
 * The snapshots of an assessment (newest first) and the one a page shows: `?snapshot=N` when
 * given, else the latest. select() keeps the choice in the URL, so a link or a reload shows the
 * same numbers.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, type SnapshotMeta } from '../api/client';
import { navigate, usePath, useSearch } from '../console/router';

export function useSnapshots(assessment: string): {
  snapshots: SnapshotMeta[] | undefined;
  selected: SnapshotMeta | undefined;
  error: unknown;
  select: (sid: number) => void;
  reload: () => void;
} {
  const [snapshots, setSnapshots] = useState<SnapshotMeta[]>();
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  const path = usePath();
  const wanted = Number(useSearch().get('snapshot') ?? NaN);
  useEffect(() => {
    let live = true;
    api.snapshots(assessment).then(
      (s) => {
        if (!live) return;
        setSnapshots(s);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [assessment, n]);
  const selected = snapshots?.find((s) => s.id === wanted) ?? snapshots?.[0];
  const select = useCallback((sid: number) => navigate(`${path}?snapshot=${sid}`, { replace: true }), [path]);
  const reload = useCallback(() => setN((x) => x + 1), []);
  return { snapshots, selected, error, select, reload };
}
