// submitJob: a cold Observable of per-host job results (style.md §8 item 15). Each subscription
// is a fresh run; its teardown aborts in-flight jobs and closes their sessions.
import { defer, from, isObservable, Observable, of, Subject, switchMap, take } from 'rxjs';
import type { HostId } from '../types.js';
import { JobRun, resolveJobOptions, type JobHost } from './run.js';
import type { HostSource, Job, JobLike, JobObservable, JobOptions, JobProgress, JobResult } from './types.js';

function hostStream(hosts: HostSource | HostId): Observable<HostId> {
  // A string is iterable too: "1:2" must be one host, not three.
  if (typeof hosts === 'string' || typeof hosts === 'number') return of(hosts);
  if (isObservable(hosts)) return hosts;
  return from(hosts);
}

export function submitJob<R>(host: JobHost, jobLike: JobLike<R>, hosts: HostSource, options: JobOptions = {}): JobObservable<Awaited<R>> {
  type T = Awaited<R>;
  // Same runtime shape; only the result type is unwrapped.
  const job = jobLike as Job<T>;
  const resolved = resolveJobOptions(options, host.maxSessions);
  const started = new Subject<JobRun<T>>();
  let current: JobRun<T> | undefined;
  const results$ = new Observable<JobResult<T>>((subscriber) => {
    const run = new JobRun(host, job, resolved, subscriber);
    current = run;
    started.next(run);
    run.start(hostStream(hosts));
    return () => {
      run.cancel();
      if (current === run) current = undefined;
    };
  });
  const progress$ = defer((): Observable<JobProgress> =>
    current && !current.finished ? current.progress : started.pipe(take(1), switchMap((run) => run.progress)),
  );
  return Object.assign(results$, { progress$ });
}
