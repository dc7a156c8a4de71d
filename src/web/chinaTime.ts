import dayjs from 'dayjs';

/**
 * Activities happen on China Standard Time (UTC+8, no daylight saving). A time picked in a form means that wall
 * time whatever zone the browser is set to, and a stored instant opened for editing shows its wall time in China.
 */
export const chinaIso = (d: dayjs.Dayjs) => `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;

export const chinaWallTime = (iso: string) =>
  dayjs(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)));
