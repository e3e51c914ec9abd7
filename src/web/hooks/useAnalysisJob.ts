/**
 * 重新分析: starts an analysis job and follows it live through the assessment's event stream
 * (server-sent events, one `job` event per change), with one GET of the job after subscribing
 * so that a change between the POST and the subscription is not missed. onDone(snapshotId)
 * when it succeeds.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Job } from '../api/client';
import type { AnalysisRequest } from '../../shared/api/jobs.js';

export function useAnalysisJob(
  assessment: string,
  onDone: (snapshotId: number) => void,
): { job: Job | null; error: unknown; start: (params: AnalysisRequest) => Promise<void> } {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const source = useRef<EventSource | null>(null);
  const done = useRef(onDone);
  done.current = onDone;

  const close = () => {
    source.current?.close();
    source.current = null;
  };
  useEffect(() => close, []);

  const start = useCallback(
    async (params: AnalysisRequest) => {
      close();
      setError(null);
      const es = new EventSource(api.eventsUrl(assessment));
      source.current = es;
      let id: number | null = null;
      let over = false; // the end can arrive twice: as an event and as the GET's answer
      const seen = (j: Job) => {
        if (j.id !== id || over) return;
        setJob(j);
        if (j.status === 'succeeded' || j.status === 'failed') {
          over = true;
          close();
          const sid = j.result?.snapshotId;
          if (j.status === 'succeeded' && typeof sid === 'number') done.current(sid);
        }
      };
      es.addEventListener('job', (e: MessageEvent<string>) => {
        try {
          seen(JSON.parse(e.data) as Job);
        } catch {
          // not a job: ignore
        }
      });
      try {
        const j = await api.startAnalysis(assessment, params);
        id = j.id;
        setJob(j);
        seen(await api.job(assessment, j.id));
      } catch (e) {
        close();
        setError(e);
      }
    },
    [assessment],
  );
  return { job, error, start };
}
