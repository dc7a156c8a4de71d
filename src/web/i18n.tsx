import { createContext, useContext } from 'react';
import type { Lang } from '@common/messages';

/** Our own labels (antd's come from its locale packs). Keys are stable; values are [zh-CN, en]. */
const DICT = {
  appName: ['协商 · 政协履职工作平台', 'Xieshang · CPPCC workbench'],
  appShort: ['协商', 'Xieshang'],
  home: ['工作台', 'Dashboard'],
  myProposals: ['我的提案', 'My proposals'],
  proposalReview: ['提案审查', 'Proposal review'],
  proposal: ['提案', 'Proposal'],
  unitInbox: ['承办提案', 'Assigned proposals'],
  proposalDashboard: ['提案统计', 'Proposal statistics'],
  proposalSupervision: ['督办与逾期', 'Supervision & overdue'],
  proposalSettings: ['提案工作设置', 'Proposal settings'],
  proposalCategories: ['提案分类', 'Proposal categories'],
  orgs: ['组织机构', 'Organizations'],
  terms: ['届次与会议', 'Terms & sessions'],
  catalogs: ['基础目录', 'Catalogues'],
  members: ['委员', 'Members'],
  collectives: ['集体提案者', 'Collective proposers'],
  units: ['承办单位', 'Handling units'],
  accounts: ['账号与角色', 'Accounts & roles'],
  audit: ['审计日志', 'Audit log'],
  notifications: ['通知', 'Notifications'],
  profile: ['我的档案', 'My profile'],
  calendar: ['工作日历', 'Working-day calendar'],
  activities: ['协商议政活动', 'Consultations & activities'],
  activity: ['活动', 'Activity'],
  activityOutcome: ['活动成果', 'Outcome'],
  myActivities: ['我的活动', 'My activities'],
  activityAttendance: ['委员出勤', 'Member attendance'],
  problemInbox: ['问题清单', 'Problem list'],
  // ── info (社情民意) ──
  myInfo: ['我的社情民意', 'My information reports'],
  infoDesk: ['社情民意编辑', 'Information desk'],
  infoStats: ['社情民意统计', 'Information statistics'],
  infoReport: ['社情民意信息', 'Information report'],
  // Duty records (履职档案)
  myDuty: ['我的履职', 'My duty record'],
  duty: ['履职档案', 'Duty records'],
  dutyMember: ['委员履职档案', 'Member duty record'],
  dutyRules: ['履职计分规则', 'Duty scoring rules'],
  // Side-menu areas
  navGroupWorkSystem: ['驾驶舱与工作制度', 'Work system'],
  navGroupProposals: ['提案', 'Proposals'],
  navGroupActivities: ['协商活动', 'Consultations'],
  navGroupCoop: ['合作与工作室', 'Coop & studios'],
  navGroupInfo: ['社情民意', 'Information reports'],
  navGroupDuty: ['履职', 'Duty'],
  navGroupDirectory: ['组织与人员', 'Orgs & people'],
  navGroupSystem: ['系统管理', 'System administration'],
  changePassword: ['修改密码', 'Change password'],
  logout: ['退出登录', 'Sign out'],
  login: ['登录', 'Sign in'],
  loginTitle: ['登录协商平台', 'Sign in to Xieshang'],
  loginField: ['账号或手机号', 'Account name or phone'],
  password: ['密码', 'Password'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  create: ['新建', 'New'],
  edit: ['编辑', 'Edit'],
  delete: ['删除', 'Delete'],
  search: ['搜索', 'Search'],
  reset: ['重置', 'Reset'],
  loadMore: ['加载更多', 'Load more'],
  noMore: ['已全部加载', 'All loaded'],
  reload: ['刷新', 'Reload'],
  actions: ['操作', 'Actions'],
  name: ['名称', 'Name'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  all: ['全部', 'All'],
  confirmDelete: ['确定删除？', 'Delete this?'],
  saved: ['已保存', 'Saved'],
  switchOrg: ['切换组织', 'Switch organization'],
  noOrg: ['（无组织）', '(no organization)'],
  language: ['语言', 'Language'],
  conflictTitle: ['记录已变化', 'Record changed'],
  noRole: ['您在当前组织没有角色。', 'You hold no role in this organization.'],
  menu: ['菜单', 'Menu'],
  notFoundPage: ['页面不存在', 'Page not found'],
  backHome: ['返回工作台', 'Back to dashboard'],
  loading: ['加载中…', 'Loading…'],
  active: ['在用', 'Active'],
  inactive: ['停用', 'Inactive'],
  status: ['状态', 'Status'],
  filters: ['筛选', 'Filters'],
  exportXlsx: ['导出 Excel', 'Export Excel'],
  importXlsx: ['Excel 导入', 'Import Excel'],
  template: ['下载模板', 'Download template'],
  // ── joint activities and the activities dashboard ──
  jointInvitations: ['联合活动邀请', 'Joint-activity invitations'],
  activityDashboard: ['活动概况', 'Activities overview'],
  // Cooperation (coop)
  coopItems: ['合作事项', 'Cooperation items'],
  coopItem: ['合作事项', 'Cooperation item'],
  campaigns: ['履职实践活动', 'Campaigns'],
  campaign: ['履职实践活动', 'Campaign'],
  studios: ['委员工作室', 'Member studios'],
  studio: ['委员工作室', 'Member studio'],
  studioRatings: ['工作室星级评定', 'Studio star ratings'],
  studioRequest: ['群众诉求', 'Public request'],
  recordLinks: ['关联记录', 'Linked records'],
  // Work system and leadership dashboard
  leaderDashboard: ['领导驾驶舱', 'Leadership dashboard'],
  workSystem: ['党委政协工作制度', 'Work system'],
} as const satisfies Record<string, readonly [string, string]>;
export type DictKey = keyof typeof DICT;

export interface LangApi {
  lang: Lang;
  setLang(lang: Lang): void;
  /** A dictionary label. */
  t(key: DictKey): string;
  /** An inline pair, for labels used in one place only. */
  L(zh: string, en: string): string;
  /** A `{zh, en}` label object from src/common. */
  p(label: { zh: string; en: string } | undefined): string;
}

export function makeLangApi(lang: Lang, setLang: (l: Lang) => void): LangApi {
  const en = lang === 'en';
  return {
    lang,
    setLang,
    t: (key) => DICT[key][en ? 1 : 0],
    L: (zh, enText) => (en ? enText : zh),
    p: (label) => (label ? (en ? label.en : label.zh) : ''),
  };
}

export const LangContext = createContext<LangApi>(makeLangApi('zh-CN', () => undefined));
export const useLang = () => useContext(LangContext);

export function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('xs.lang') : null;
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return 'zh-CN';
}
