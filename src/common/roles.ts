/** Roles are held per organization. `unit_handler` is additionally bound to one handling unit. */
export const ROLES = [
  'member',
  'proposal_staff',
  'info_staff',
  'general_staff',
  'unit_handler',
  'leader',
  'org_admin',
  'platform_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  member: { zh: '政协委员', en: 'Member' },
  proposal_staff: { zh: '提案委（提案办）工作人员', en: 'Proposal-office staff' },
  info_staff: { zh: '信息（社情民意）工作人员', en: 'Information-office staff' },
  general_staff: { zh: '办公室（会务）工作人员', en: 'General-office staff' },
  unit_handler: { zh: '承办单位经办人', en: 'Unit handler' },
  leader: { zh: '领导', en: 'Leader' },
  org_admin: { zh: '组织管理员', en: 'Organization admin' },
  platform_admin: { zh: '平台管理员', en: 'Platform admin' },
};

export const UNIT_GROUPS = ['party', 'npc', 'government', 'cppcc', 'other'] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];
export const UNIT_GROUP_LABELS: Record<UnitGroup, { zh: string; en: string }> = {
  party: { zh: '党委系统', en: 'Party committee system' },
  npc: { zh: '人大机关', en: "People's congress" },
  government: { zh: '政府系统', en: 'Government' },
  cppcc: { zh: '政协机关', en: 'CPPCC organs' },
  other: { zh: '其他单位', en: 'Other' },
};

export const COLLECTIVE_KINDS = ['party', 'people_org', 'committee', 'sector', 'group'] as const;
export type CollectiveKind = (typeof COLLECTIVE_KINDS)[number];
export const COLLECTIVE_KIND_LABELS: Record<CollectiveKind, { zh: string; en: string }> = {
  party: { zh: '民主党派', en: 'Participating party' },
  people_org: { zh: '人民团体', en: "People's organization" },
  committee: { zh: '专门委员会', en: 'Special committee' },
  sector: { zh: '界别', en: 'Sector' },
  group: { zh: '委员小组', en: 'Member group' },
};

export const ORG_LEVELS = ['national', 'provincial', 'municipal', 'district', 'county'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const ORG_LEVEL_LABELS: Record<OrgLevel, { zh: string; en: string }> = {
  national: { zh: '全国', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  municipal: { zh: '市级', en: 'Municipal' },
  district: { zh: '区级', en: 'District' },
  county: { zh: '县级', en: 'County' },
};
