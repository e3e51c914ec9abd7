/**
 * 实施进度, live: the progress of an assessment from its server-sent `progress` events (the
 * server pushes a fresh body within a second of any stored submission, from whichever server),
 * with one GET first so that the page fills at once. Should the stream be refused for good
 * (a proxy that does not pass it), the progress is fetched every 5 s instead.
 */
import { useEffect, useState } from 'react';
import { api, type Progress } from '../api/client';

/** live: the stream is open; connecting: (re)connecting; polling: the stream failed for good */
export type LiveState = 'live' | 'connecting' | 'polling';

export function useProgress(assessment: string): {
  progress: Progress | undefined;
  error: unknown;
  live: LiveState;
  /** when the shown body arrived (ms) */
  receivedAt: number | undefined;
} {
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const [receivedAt, setReceivedAt] = useState<number>();

  useEffect(() => {
    let over = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // bodies carry computedAt: an older answer (the GET) never replaces a newer one (an event)
    const seen = (p: Progress) => {
      if (over) return;
      setProgress((old) =>
        old && old.assessmentId === p.assessmentId && old.computedAt > p.computedAt ? old : p,
      );
      setReceivedAt(Date.now());
      setError(null);
    };
    const fetchOnce = () =>
      api.progress(assessment).then(seen, (e: unknown) => {
        if (!over) setError(e);
      });
    const poll = () => {
      timer = setTimeout(() => {
        void fetchOnce().finally(() => {
          if (!over) poll();
        });
      }, 5000);
    };
    setProgress(undefined);
    setLive('connecting');
    void fetchOnce();
    const es = new EventSource(api.progressEventsUrl(assessment));
    es.addEventListener('open', () => setLive('live'));
    es.addEventListener('error', () => {
      if (over) return;
      // CONNECTING: the browser reconnects by itself; CLOSED: it gave up
      if (es.readyState === EventSource.CLOSED) {
        setLive('polling');
        poll();
      } else setLive('connecting');
    });
    es.addEventListener('progress', (e: MessageEvent<string>) => {
      try {
        seen(JSON.parse(e.data) as Progress);
        setLive('live');
      } catch {
        // not a progress body: ignore
      }
    });
    return () => {
      over = true;
      es.close();
      clearTimeout(timer);
    };
  }, [assessment]);
  return { progress, error, live, receivedAt };
}
