/** Open items per person: open complaints they own and follow-up visits due from them (staffing decisions and the admin's directory). */
import { sql } from 'drizzle-orm';
import { staff } from './schema';

export const OPEN_ITEMS_SQL = sql`(
  select count(*)::int from complaints c
  where (c.assignee_id = ${staff.id} and c.stage <> 'closed')
     or (c.follow_up_assignee_id = ${staff.id} and c.stage = 'follow_up')
)`;
