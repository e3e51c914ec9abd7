/** The importers, one per file kind (SPEC §4.1–§4.5), and the sources they read. */
export { importConfig, readConfigFile } from './config.js';
export {
  importUnits,
  importUnitsReport,
  unitsOf,
  UNIT_COLUMNS,
  type ImportProblem,
  type UnitPreviewRow,
  type UnitsImportReport,
} from './units.js';
export { importCases, CASE_COLUMNS } from './cases.js';
export { importScores, SCORE_COLUMNS } from './scores.js';
export { importResponses, RESPONSE_COLUMNS, type ImportResult } from './responses.js';
export type { ServiceContext } from '../context.js';
export { fileSource, memorySource, type TableSource } from './table-reader.js';
