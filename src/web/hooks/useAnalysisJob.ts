/**
 * 重新分析: starts an analysis job and follows it live through the assessment's event stream
 * (server-sent events, one `job` event per change), with one GET of the job after subscribing
 * so that a change between the POST and the subscription is not missed. Should the stream be
 * refused for good (a proxy that does not pass it), the job is polled every second instead.
 * onDone(snapshotId) when it succeeds.
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
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const done = useRef(onDone);
  done.current = onDone;

  const close = () => {
    source.current?.close();
    source.current = null;
    clearTimeout(timer.current);
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
      const poll = () => {
        timer.current = setTimeout(() => {
          if (over) return;
          if (id === null) return poll(); // the POST has not answered yet
          api.job(assessment, id).then(
            (j) => {
              seen(j);
              if (!over) poll();
            },
            () => {
              if (!over) poll();
            },
          );
        }, 1000);
      };
      es.addEventListener('error', () => {
        // CONNECTING: the browser reconnects by itself; CLOSED: it gave up
        if (es.readyState === EventSource.CLOSED && !over) poll();
      });
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
