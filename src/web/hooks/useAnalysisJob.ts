/**
 * 重新分析: starts an analysis job and follows it live (hooks/useJob.ts).
 * onDone(snapshotId) when it succeeds.
 */
import { api, type Job } from '../api/client';
import type { AnalysisRequest } from '../../shared/api/jobs.js';
import { useJob } from './useJob';

export function useAnalysisJob(
  assessment: string,
  onDone: (snapshotId: number) => void,
): { job: Job | null; error: unknown; start: (params: AnalysisRequest) => Promise<void> } {
  return useJob(assessment, 'analysis', api.startAnalysis, {
    onDone: (j) => {
      const sid = j.result?.snapshotId;
      if (typeof sid === 'number') onDone(sid);
    },
  });
}
