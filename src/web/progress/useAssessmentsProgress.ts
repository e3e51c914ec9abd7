/**
 * The progress of several assessments at once, for the progress bar per row of 考评项目: one
 * GET …/progress each (a handful of assessments), an assessment that fails (its configuration
 * unreadable, the role refused) showing no bar rather than an error for the page.
 */
import { useEffect, useState } from 'react';
import { api, type Progress } from '../api/client';

export function useAssessmentsProgress(ids: readonly string[] | undefined, enabled: boolean) {
  const [byId, setById] = useState<ReadonlyMap<string, Progress | null>>(new Map());
  const key = ids?.join('\u0000') ?? '';
  useEffect(() => {
    if (!enabled || key === '') return;
    let live = true;
    const list = key.split('\u0000');
    void Promise.all(list.map((id) => api.progress(id).catch(() => null))).then((all) => {
      if (live) setById(new Map(list.map((id, i) => [id, all[i] ?? null])));
    });
    return () => {
      live = false;
    };
  }, [key, enabled]);
  return byId;
}

/** The share of the targets reached, null without targets. */
export const shareOf = (p: Progress | null | undefined): number | null =>
  p && p.total.target ? Math.min(1, p.total.towardTarget / p.total.target) : null;
