import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/roles.js';
import { allowed, home, portalUnitPath, ROUTES } from './routes';

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
});
