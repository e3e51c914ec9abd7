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
  page: LazyExoticComponent<ComponentType<PageProps>>;
}

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
    page: lazy(() => import('./pages/UnitsPage')),
  },
  {
    path: '/assessments/:id/targets',
    title: 'nav.targets',
    menu: false,
    roles: ['admin', 'analyst'],
    parent: '/assessments',
    page: lazy(() => import('./pages/Targets')),
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

export const allowed = (r: ConsoleRoute, role: Role) => !r.roles || r.roles.includes(role);
