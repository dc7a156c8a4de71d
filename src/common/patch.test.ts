import { describe, expect, it } from 'vitest';
import { ActivityUpdateBody, OutcomeUpdateBody } from './activities';
import { CampaignUpdateBody } from './cooperation';
import { CatalogUpdateBody, OrgUpdateBody } from './orgs';

describe('update bodies leave out what the client left out', () => {
  it('no create-body default fills a missing field (it would overwrite the stored value)', () => {
    expect(ActivityUpdateBody.parse({ topic: '新题目', version: 3 })).toEqual({ topic: '新题目', version: 3 });
    expect(OutcomeUpdateBody.parse({ title: '报告', version: 1 })).toEqual({ title: '报告', version: 1 });
    expect(CampaignUpdateBody.parse({ version: 2 })).toEqual({ version: 2 });
    expect(OrgUpdateBody.parse({ name: '荣昌区政协', version: 1 })).toEqual({ name: '荣昌区政协', version: 1 });
    expect(Object.keys(CatalogUpdateBody.parse({ version: 1 }))).toEqual(['version']);
  });
  it('fields that are sent are still checked', () => {
    expect(ActivityUpdateBody.safeParse({ online: 'yes', version: 1 }).success).toBe(false);
    expect(ActivityUpdateBody.safeParse({ topic: '', version: 1 }).success).toBe(false);
    expect(ActivityUpdateBody.parse({ place: '  三楼  ', version: 1 })).toEqual({ place: '三楼', version: 1 });
  });
});
