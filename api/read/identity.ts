/**
 * From a verified token to the person calling. For staff the service's directory is the authority:
 * the token names the person (its subject, matched to `staff.external_subject`, else to the staff id),
 * and their role, department and place in the org chart come from the directory. A role or department
 * claimed by the token is ignored. Someone unknown to the directory, or inactive, is refused (403, and
 * a row in the audit trail). Only the service's own tokens may speak for a customer.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { personNamedBy } from '../../db/staff-directory';
import type { TokenClaims } from '../../runtime/tokens';
import { viewerOf, type Viewer } from './scopes';

/** Why a verified token does not make a caller. */
export type IdentityRefusal = 'unknown' | 'inactive';

export type IdentityResult = { viewer: Viewer } | { refused: IdentityRefusal };

export type IdentityResolver = (claims: TokenClaims) => Promise<IdentityResult>;

/** How deep the org chart is followed below a lead (a cycle in the directory stops there too). */
const MAX_DEPTH = 8;

export function createIdentityResolver(db: Database): IdentityResolver {
  return async (claims) => {
    if (claims.local && claims.claimedRole === 'customer') return { viewer: viewerOf({ id: claims.subject, role: 'customer' }) };
    const person = await personNamedBy(db, claims.subject, claims.local);
    if (!person) return { refused: 'unknown' };
    if (!person.active) return { refused: 'inactive' };
    const viewer = viewerOf({ id: person.id, role: person.role, departmentId: person.departmentId });
    if (person.role !== 'supervisor' && person.role !== 'manager') return { viewer };
    const below = await db.execute<{ id: string; department_id: string; role: string }>(sql`
      with recursive below(id, depth) as (
        select id, 0 from staff where supervisor_id = ${person.id} and id <> ${person.id}
        union
        select s.id, b.depth + 1 from staff s join below b on s.supervisor_id = b.id where b.depth < ${MAX_DEPTH}
      )
      select distinct s.id, s.department_id, s.role from staff s join below using (id)`);
    const people = new Set([person.id]);
    const departments = new Set([person.departmentId]);
    let frontLine = false;
    for (const row of below.rows) {
      people.add(row.id);
      departments.add(row.department_id);
      frontLine ||= row.role === 'agent';
    }
    return { viewer: { ...viewer, people: [...people], departments: [...departments], frontLine } };
  };
}
