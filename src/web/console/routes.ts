/**
 * The console's pages, in one table: the path, the title (a message key), whether it is in the
 * left menu, which roles may open it, and the page itself, loaded on first use (one chunk per
 * page). A new page (set-up, progress, quality, results, the agency portal) is one row here.
 * The server still decides what each role may read; the roles here only hide what would be refused.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { STAFF_ROLES, type Role } from '../../shared/roles.js';
import type { MessageKey } from '../i18n/i18n';

export interface PageProps {
  /** the `:name` parts of the path */
  params: Record<string, string>;
}

export interface ConsoleRoute {
  path: string;
  title: MessageKey;
  /** shown in the left menu (pages below an assessment are not) */
  menu: boolean;
  /** who may open it; undefined: every signed-in role */
  roles?: readonly Role[];
  /** the path of the page above it in the breadcrumb */
  parent?: string;
  /**
   * in the menu's 设置 group: a page of one assessment (`:id`) is listed there while an
   * assessment's page is open, for that assessment; a page without `:id` always
   */
  group?: 'setup';
  page: LazyExoticComponent<ComponentType<PageProps>>;
}

/** who follows the fieldwork (the server's policy: progress.get) */
const FIELDWORK_ROLES: readonly Role[] = ['admin', 'analyst', 'supervisor'];

export const ROUTES: readonly ConsoleRoute[] = [
  {
    path: '/assessments',
    title: 'nav.assessments',
    menu: true,
    roles: STAFF_ROLES,
    page: lazy(() => import('./pages/AssessmentsPage')),
  },
  {
    path: '/assessments/:id/results',
    title: 'nav.results',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    page: lazy(() => import('./pages/ResultsPage')),
  },
  {
    path: '/assessments/:id/units/:unit',
    title: 'nav.unit',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments/:id/results',
    page: lazy(() => import('./pages/UnitPage')),
  },
  {
    path: '/assessments/:id/quality',
    title: 'nav.quality',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    page: lazy(() => import('./pages/QualityPage')),
  },
  {
    path: '/assessments/:id/units',
    title: 'nav.units',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    group: 'setup',
    page: lazy(() => import('./pages/UnitsPage')),
  },
  {
    path: '/assessments/:id/imports',
    title: 'nav.imports',
    menu: false,
    // supervisors import the phone sample only (the page offers them that kind alone)
    roles: ['admin', 'analyst', 'supervisor'],
    parent: '/assessments',
    group: 'setup',
    page: lazy(() => import('./pages/ImportsPage')),
  },
  // set-up pages of the configuration: admins edit, analysts read (the server enforces both)
  {
    path: '/assessments/:id/categories',
    title: 'nav.categories',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    group: 'setup',
    page: lazy(() => import('./pages/CategoriesPage')),
  },
  {
    path: '/assessments/:id/groups',
    title: 'nav.groups',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    group: 'setup',
    page: lazy(() => import('./pages/GroupsPage')),
  },
  {
    path: '/assessments/:id/quotas',
    title: 'nav.quotas',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    group: 'setup',
    page: lazy(() => import('./pages/QuotasPage')),
  },
  {
    path: '/assessments/:id/schedule',
    title: 'nav.schedule',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    group: 'setup',
    page: lazy(() => import('./pages/SchedulePage')),
  },
  {
    path: '/audit',
    title: 'nav.audit',
    menu: true,
    roles: ['admin'],
    group: 'setup',
    page: lazy(() => import('./pages/AuditPage')),
  },
  {
    path: '/assessments/:id/rectification',
    title: 'nav.rectification',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    page: lazy(() => import('./pages/Rectification')),
  },
  /** 实施进度: the fieldwork wallboard; /progress in the menu opens the newest assessment's */
  {
    path: '/assessments/:id/progress',
    title: 'nav.progress',
    menu: false,
    roles: FIELDWORK_ROLES,
    parent: '/assessments',
    page: lazy(() => import('./pages/ProgressPage')),
  },
  {
    path: '/progress',
    title: 'nav.progress',
    menu: true,
    roles: FIELDWORK_ROLES,
    page: lazy(() => import('./pages/ProgressPage')),
  },
  {
    path: '/assessments/:id/targets',
    title: 'nav.targets',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    page: lazy(() => import('./pages/Targets')),
  },
  /** 报告: the Word reports (a job) and their downloads */
  {
    path: '/assessments/:id/reports',
    title: 'nav.reports',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    page: lazy(() => import('./pages/ReportsPage')),
  },
  {
    path: '/users',
    title: 'nav.users',
    menu: true,
    roles: ['admin'],
    page: lazy(() => import('./pages/UsersPage')),
  },
  {
    path: '/api-keys',
    title: 'nav.apiKeys',
    menu: true,
    roles: ['admin'],
    page: lazy(() => import('./pages/ApiKeysPage')),
  },
  /** the agency portal: agency viewers only, their own agency (the server enforces it too) */
  {
    path: '/portal',
    title: 'nav.portal',
    menu: true,
    roles: ['agency'],
    page: lazy(() => import('./pages/PortalPage')),
  },
  {
    path: '/portal/:id/units/:unit',
    title: 'nav.portalUnit',
    menu: false,
    roles: ['agency'],
    parent: '/portal',
    page: lazy(() => import('./pages/PortalUnitPage')),
  },
];

/** Where `/` (and the title in the menu) leads: the portal for agency viewers. */
export const home = (role: Role): string => (role === 'agency' ? '/portal' : '/assessments');

export const portalUnitPath = (assessment: string, unit: string): string =>
  `/portal/${encodeURIComponent(assessment)}/units/${encodeURIComponent(unit)}`;

/** The 设置 group of the menu: the set-up pages of assessment `id` (when one is open), then the rest. */
export function setupMenu(role: Role, id: string | undefined): { path: string; title: MessageKey }[] {
  return ROUTES.filter((r) => r.group === 'setup' && allowed(r, role))
    .filter((r) => !r.path.includes(':id') || id !== undefined)
    .map((r) => ({ path: r.path.replace(':id', encodeURIComponent(id ?? '')), title: r.title }));
}

export const allowed = (r: ConsoleRoute, role: Role) => !r.roles || r.roles.includes(role);
