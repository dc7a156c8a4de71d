import { definePolicy } from '@server/lib/permissions';

/** The working-day calendar is national: everyone reads it, platform admins enter holiday notices. */
export const calendarPolicy = definePolicy({
  'calendar.manage': ['platform_admin'],
});
