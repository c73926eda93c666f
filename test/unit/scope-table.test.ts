/** The README's scope table says what `domain/scopes.ts` does: each role's rule in the same words. */
import fs from 'node:fs';
import path from 'node:path';
import { ROLES } from '../../domain/model';
import { FRONT_DESK_ACTIONS, SCOPE_RULES } from '../../domain/scopes';
import { ACTION_RULES } from '../../domain/actions';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

it.each(ROLES.map((r) => [r]))('the README states the scope of %s as the rule does', (role) => {
  expect(readme).toContain(SCOPE_RULES[role].summary);
});

it('front-desk actions are ones an agent may take', () => {
  for (const action of FRONT_DESK_ACTIONS) expect(ACTION_RULES[action].roles).toContain('agent');
});
