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
// Cooperation items, campaigns, studios and record links (coop)
import cooperation from './cooperation/cooperation.routes';
// 社情民意 (info)
import info from './info/info.routes';
// Duty records (履职档案)
import duty from './duty/duty.routes';
// Work system (党委政协工作制度) and the leadership dashboard
import worksystem from './worksystem/worksystem.routes';

/** Every domain module, registered in this order by app.ts. */
export const modules = [health, auth, orgs, people, accounts, audit, notifications, calendar, proposals, activities, assist, search, cooperation, info, duty, worksystem] as FastifyPluginAsync[];
export { activitiesPolicy } from './activities/activities.policy';
export { cooperationPolicy } from './cooperation/cooperation.policy';
export { infoPolicy } from './info/info.policy';
