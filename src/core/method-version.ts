/**
 * The version of the scoring method (SPEC §5) as implemented in core. Stored with every results
 * snapshot and part of its inputs' fingerprint: raise it whenever a change to core would change
 * a number in a §4.6 table, so that older snapshots show as stale.
 * @example snapshot.methodVersion === METHOD_VERSION
 */
export const METHOD_VERSION = '2026.1';
