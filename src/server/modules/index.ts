import type { FastifyPluginAsync } from 'fastify';
// Policies first: routes may only name permissions that a policy defines.
import './policies';
import health from './health/health.routes';
import auth from './auth/auth.routes';
import orgs from './orgs/orgs.routes';
import people from './people/people.routes';
import accounts from './accounts/accounts.routes';
import audit from './audit/audit.routes';
import notifications from './notifications/notifications.routes';
import calendar from './calendar/calendar.routes';
import proposals from './proposals/proposals.routes';
import activities from './activities/activities.routes';
import assist from './assist/assist.routes';
import search from './search/search.routes';

/** Every domain module, registered in this order by app.ts. */
export const modules = [health, auth, orgs, people, accounts, audit, notifications, calendar, proposals, activities, assist, search] as FastifyPluginAsync[];
export { activitiesPolicy } from './activities/activities.policy';
