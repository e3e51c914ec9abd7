/**
 * A background job of one kind, followed live through the assessment's event stream
 * (server-sent events, one `job` event per change), with one GET of the job after subscribing
 * so that a change between the POST and the subscription is not missed. Should the stream be
 * refused for good (a proxy that does not pass it), the job is polled every second instead.
 * With `resume`, the page shows the newest job of that kind on opening and follows it while it
 * runs: the job lives in the database, so leaving the page and coming back loses nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Job } from '../api/client';
import type { JobKind } from '../../shared/api/jobs.js';

export interface JobState<P> {
  job: Job | null;
  error: unknown;
  start: (params: P) => Promise<void>;
}

export const isLive = (j: Job | null | undefined): boolean =>
  Boolean(j && (j.status === 'queued' || j.status === 'running'));

export function useJob<P>(
  assessment: string,
  kind: JobKind,
  launch: (assessment: string, params: P) => Promise<Job>,
  opts: { onDone?: (job: Job) => void; resume?: boolean } = {},
): JobState<P> {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const source = useRef<EventSource | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const done = useRef(opts.onDone);
  done.current = opts.onDone;
  const run = useRef(launch);
  run.current = launch;

  const close = () => {
    source.current?.close();
    source.current = null;
    clearTimeout(timer.current);
  };

  /** subscribes first, then learns the job's id (a POST, or a job already known) and GETs it */
  const follow = useCallback(
    async (idOf: () => Promise<Job>) => {
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
          if (j.status === 'succeeded') done.current?.(j);
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
        const j = await idOf();
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

  const resume = opts.resume ?? false;
  useEffect(() => {
    if (!resume) return close;
    let live = true;
    api.jobs(assessment).then(
      (jobs) => {
        const last = jobs.find((j) => j.kind === kind); // newest first
        if (!live || !last) return;
        setJob(last);
        if (isLive(last)) void follow(() => Promise.resolve(last));
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
      close();
    };
  }, [assessment, kind, resume, follow]);

  const start = useCallback(
    (params: P) => follow(() => run.current(assessment, params)),
    [assessment, follow],
  );
  return { job, error, start };
}
