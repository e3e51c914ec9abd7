/**
 * V8 tuning for bulk work, applied by process entry points before anything else loads.
 * Imports and analyses allocate many short-lived strings and arrays; a 64 MB young generation
 * (instead of 16 MB) cut garbage-collection time enough to take the 1,000,000-row import from
 * ~135,000 to ~210,000 rows/s on the 2-core machine (docs/benchmarks.md).
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--max-semi-space-size=64');
