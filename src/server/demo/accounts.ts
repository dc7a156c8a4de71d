import type { Role } from '@common/roles';

/** The demo password for every demo account (printed in the README; demo databases only). */
export const DEMO_PASSWORD = 'xieshang2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  /** Roles held, per organization code. */
  grants: Array<{ org: string; role: Role; unit?: string; title?: string }>;
  /** What this role's back office is about (README and browser smoke test). */
  note: string;
}

/** One account per role, mostly in 秀山县政协 (the 秀山 bus-line story), plus one person in two organizations. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '平台管理员', grants: [{ org: 'cq', role: 'platform_admin' }], note: '全部组织、工作日历' },
  { username: 'xs_admin', displayName: '秀山县政协管理员', grants: [{ org: 'cq-xiushan', role: 'org_admin' }], note: '组织、届次、账号与角色、审计日志' },
  { username: 'xs_member', displayName: '田晓峰', grants: [{ org: 'cq-xiushan', role: 'member' }], note: '委员：我的档案、通知' },
  { username: 'xs_proposal', displayName: '杨秀琴', grants: [{ org: 'cq-xiushan', role: 'proposal_staff', title: '县政协提案委工作人员' }], note: '提案委：委员、承办单位、集体提案者' },
  { username: 'xs_info', displayName: '吴丽', grants: [{ org: 'cq-xiushan', role: 'info_staff', title: '县政协信息科' }], note: '社情民意编辑' },
  { username: 'xs_office', displayName: '彭建', grants: [{ org: 'cq-xiushan', role: 'general_staff', title: '县政协办公室' }], note: '办公室：委员、会议' },
  { username: 'xs_unit', displayName: '龙海', grants: [{ org: 'cq-xiushan', role: 'unit_handler', unit: '县交通运输委', title: '县交通运输委经办人' }], note: '承办单位：县交通运输委' },
  { username: 'xs_unit2', displayName: '杨帆', grants: [{ org: 'cq-xiushan', role: 'unit_handler', unit: '万方汽车运输公司', title: '万方汽车运输公司经办人' }], note: '承办单位：万方汽车运输公司（协办）' },
  { username: 'xs_leader', displayName: '石振华', grants: [{ org: 'cq-xiushan', role: 'leader', title: '县委副书记' }], note: '领导：督办与概况' },
  { username: 'rc_office', displayName: '刘静', grants: [{ org: 'cq-rongchang', role: 'general_staff', title: '区政协办公室' }], note: '荣昌区政协办公室：协商活动、成果与问题清单' },
  { username: 'rc_unit', displayName: '周明', grants: [{ org: 'cq-rongchang', role: 'unit_handler', unit: '区畜牧发展中心', title: '区畜牧发展中心经办人' }], note: '承办单位：区畜牧发展中心（问题清单表态）' },
  { username: 'rc_member', displayName: '葛志鹏', grants: [{ org: 'cq-rongchang', role: 'member' }], note: '委员：我的活动、签到与请假' },
  {
    username: 'nc_zeng',
    displayName: '曾蓉',
    grants: [
      { org: 'cq', role: 'member' },
      { org: 'cq-nanchuan', role: 'leader', title: '南川区政协副主席' },
    ],
    note: '一人多组织：市政协委员、南川区政协副主席（切换组织）',
  },
];
