/** Every domain's policy file; importing this registers all permissions. */
export { orgsPolicy } from './orgs/orgs.policy';
export { peoplePolicy } from './people/people.policy';
export { accountsPolicy } from './accounts/accounts.policy';
export { auditPolicy } from './audit/audit.policy';
export { calendarPolicy } from './calendar/calendar.policy';
export { proposalsPolicy } from './proposals/proposals.policy';
export { searchPolicy } from './search/search.policy';
export { dutyPolicy } from './duty/duty.policy';
export { worksystemPolicy } from './worksystem/worksystem.policy';
