import { afterEach, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { chinaIso, chinaWallTime } from './chinaTime';

const original = process.env.TZ;
afterEach(() => {
  process.env.TZ = original;
});

describe('activity times are China time whatever the browser zone', () => {
  for (const tz of ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin']) {
    it(`picked 2025-12-05 09:00 in a ${tz} browser is 09:00 in China, and reads back as 09:00`, () => {
      process.env.TZ = tz;
      const picked = dayjs('2025-12-05 09:00');
      const iso = chinaIso(picked);
      expect(iso).toBe('2025-12-05T09:00:00+08:00');
      expect(new Date(iso).toISOString()).toBe('2025-12-05T01:00:00.000Z');
      expect(chinaWallTime(iso).format('YYYY-MM-DD HH:mm')).toBe('2025-12-05 09:00');
      // Late evening in China is the previous day in UTC and America: the day must not move.
      expect(chinaWallTime('2025-12-05T15:30:00Z').format('YYYY-MM-DD HH:mm')).toBe('2025-12-05 23:30');
    });
  }
});
