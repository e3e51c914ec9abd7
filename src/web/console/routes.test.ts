import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/roles.js';
import { allowed, home, portalUnitPath, ROUTES, setupMenu } from './routes';

describe('the console page table', () => {
  it('gives agency viewers the portal only, and the portal to nobody else', () => {
    for (const r of ROUTES) expect(allowed(r, 'agency'), r.path).toBe(r.path.startsWith('/portal'));
    for (const role of ROLES.filter((x) => x !== 'agency'))
      for (const r of ROUTES.filter((x) => x.path.startsWith('/portal')))
        expect(allowed(r, role), `${role} ${r.path}`).toBe(false);
  });

  it('starts every role on a page it may open, in its menu', () => {
    for (const role of ROLES) {
      const start = ROUTES.find((r) => r.path === home(role));
      expect(start && allowed(start, role) && start.menu, role).toBe(true);
    }
  });

  it('encodes the portal path', () => {
    expect(portalUnitPath('2020 市级', 'U/1')).toBe('/portal/2020%20%E5%B8%82%E7%BA%A7/units/U%2F1');
  });

  it('lists the open assessment’s set-up pages in the 设置 group, and the audit log for admins', () => {
    expect(setupMenu('admin', 'sz 2020').map((r) => r.path)).toEqual([
      '/assessments/sz%202020/units',
      // 数据导入 sits beside 单位管理
      '/assessments/sz%202020/imports',
      '/assessments/sz%202020/categories',
      '/assessments/sz%202020/groups',
      '/assessments/sz%202020/quotas',
      '/assessments/sz%202020/schedule',
      '/audit',
    ]);
    expect(setupMenu('admin', undefined).map((r) => r.path)).toEqual(['/audit']);
    expect(setupMenu('analyst', 'a1').map((r) => r.path)).not.toContain('/audit');
    expect(setupMenu('analyst', undefined)).toEqual([]);
    // a supervisor imports the phone sample, and has no other set-up page
    expect(setupMenu('supervisor', 'a1').map((r) => r.path)).toEqual(['/assessments/a1/imports']);
    for (const role of ['interviewer', 'agency'] as const) expect(setupMenu(role, 'a1')).toEqual([]);
  });
});
