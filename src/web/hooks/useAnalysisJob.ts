/**
 * 重新分析: starts an analysis job and follows it live (useJob); onDone(snapshotId) when it
 * succeeds.
 */
import { useCallback } from 'react';
import { api, type Job } from '../api/client';
import type { AnalysisRequest } from '../../shared/api/jobs.js';
import { useJob } from './useJob';

export function useAnalysisJob(
  assessment: string,
  onDone: (snapshotId: number) => void,
): { job: Job | null; error: unknown; start: (params: AnalysisRequest) => Promise<void> } {
  const {
    job,
    error,
    start: follow,
  } = useJob(assessment, (j) => {
    const sid = j.result?.snapshotId;
    if (j.status === 'succeeded' && typeof sid === 'number') onDone(sid);
  });
  const start = useCallback(
    (params: AnalysisRequest) => follow(() => api.startAnalysis(assessment, params)),
    [assessment, follow],
  );
  return { job, error, start };
}
