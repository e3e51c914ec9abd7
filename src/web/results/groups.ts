/**
 * Names of respondent groups. The API gives group codes only (the configuration's names are not
 * served yet), so the groups of SPEC §4.2 have names in the dictionaries; others show their code.
 */
import type { Translate } from '../i18n/i18n';

const KNOWN = ['service', 'peer', 'cadre', 'public'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (code: string): code is Known => (KNOWN as readonly string[]).includes(code);

export const groupName = (t: Translate, code: string): string => (isKnown(code) ? t(`group.${code}`) : code);
