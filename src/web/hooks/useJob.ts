/**
 * Follows a background job live: `start(begin)` subscribes to the assessment's event stream
 * (server-sent events, one `job` event per change), then calls `begin` (the POST that creates
 * the job) and GETs the job once so that a change between the POST and the subscription is not
 * missed. Should the stream be refused for good (a proxy that does not pass it), the job is
 * polled every second instead. onEnd(job) once it has succeeded or failed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Job } from '../api/client';

export interface JobFollower {
  job: Job | null;
  error: unknown;
  start: (begin: () => Promise<Job>) => Promise<void>;
}

export function useJob(assessment: string, onEnd: (job: Job) => void): JobFollower {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const source = useRef<EventSource | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const end = useRef(onEnd);
  end.current = onEnd;

  const close = () => {
    source.current?.close();
    source.current = null;
    clearTimeout(timer.current);
  };
  useEffect(() => close, []);

  const start = useCallback(
    async (begin: () => Promise<Job>) => {
      close();
      setError(null);
      setJob(null);
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
          end.current(j);
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
        const j = await begin();
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
