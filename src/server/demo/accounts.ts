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
  // ── 九龙坡–新都 joint consultation (联合协商) ──
  { username: 'jlp_office', displayName: '陈晓燕', grants: [{ org: 'cq-jiulongpo', role: 'general_staff', title: '区政协办公室' }], note: '九龙坡区政协办公室：联合协商（主办）、邀请其他组织' },
  { username: 'xd_admin', displayName: '新都区政协管理员', grants: [{ org: 'cd-xindu', role: 'org_admin' }], note: '新都区政协管理员：联合活动邀请（接受/谢绝）' },
  { username: 'xd_office', displayName: '罗敏', grants: [{ org: 'cd-xindu', role: 'general_staff', title: '区政协办公室' }], note: '新都区政协办公室：参加的联合活动、邀请本区委员、登记发言' },
  { username: 'xd_member', displayName: '周云', grants: [{ org: 'cd-xindu', role: 'member' }], note: '新都区政协委员：我的活动（联合协商）、书面发言' },
  // ── info (社情民意) ──
  { username: 'rc_info', displayName: '何敏', grants: [{ org: 'cq-rongchang', role: 'info_staff', title: '区政协信息科' }], note: '荣昌区政协信息科：社情民意采编、编发、批示登记' },
  // Work system: the leader who opens the 荣昌 驾驶舱
  { username: 'rc_leader', displayName: '陈永刚', grants: [{ org: 'cq-rongchang', role: 'leader', title: '区政协主席' }], note: '领导：驾驶舱（“五个一”成效）、工作制度' },
  {
    username: 'nc_zeng',
    displayName: '曾蓉',
    grants: [
      { org: 'cq', role: 'member' },
      { org: 'cq-nanchuan', role: 'leader', title: '南川区政协副主席' },
    ],
    note: '一人多组织：市政协委员、南川区政协副主席（切换组织）',
  },
  // ── Cooperation (coop): the offices of the two organizations of the 南川–金牛 渝石进川 item ──
  { username: 'nc_office', displayName: '陈晓梅', grants: [{ org: 'cq-nanchuan', role: 'general_staff', title: '区政协办公室' }], note: '南川区政协办公室：合作事项、履职实践活动、委员工作室' },
  { username: 'jn_office', displayName: '李蓉', grants: [{ org: 'cd-jinniu', role: 'general_staff', title: '区政协办公室' }], note: '金牛区政协办公室：作为合作方查看合作事项、报送进展' },
];
