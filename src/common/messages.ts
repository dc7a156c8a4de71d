/** Error and validation messages in both UI languages. Codes are stable; messages are for people. */
export type Lang = 'zh-CN' | 'en';

type Template = { zh: string; en: string };

export const MESSAGES = {
  bad_request: { zh: '请求有误', en: 'Bad request' },
  validation: { zh: '「{field}」{reason}', en: '{field}: {reason}' },
  not_found: { zh: '找不到该记录，或您无权查看', en: 'Not found, or you may not see it' },
  forbidden: { zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  unauthenticated: { zh: '请先登录', en: 'Please sign in' },
  csrf: { zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  conflict_version: {
    zh: '该记录已被他人修改，请刷新后再编辑',
    en: 'Someone else changed this record; reload and edit again',
  },
  duplicate: { zh: '「{field}」已存在：{value}', en: '{field} already exists: {value}' },
  login_failed: { zh: '账号或密码错误', en: 'Wrong account or password' },
  login_locked: {
    zh: '登录失败次数过多，账号已临时锁定，请于 {until} 后再试',
    en: 'Too many failed sign-ins; try again after {until}',
  },
  rate_limited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  account_disabled: { zh: '该账号已停用', en: 'This account is disabled' },
  wrong_password: { zh: '当前密码不正确', en: 'The current password is wrong' },
  weak_password: {
    zh: '密码至少 8 位，且须同时包含字母和数字',
    en: 'A password needs at least 8 characters with letters and digits',
  },
  no_role_in_org: { zh: '您在该组织没有任何角色', en: 'You hold no role in that organization' },
  demo_refused: {
    zh: '数据库中已有非演示数据，演示数据加载器拒绝修改',
    en: 'The database holds non-demo data; the demo loader refuses to touch it',
  },
  in_use: { zh: '该记录仍被引用，无法删除', en: 'This record is still in use and cannot be deleted' },
  import_invalid: { zh: '导入文件有 {count} 处错误，未导入任何数据', en: '{count} errors in the file; nothing was imported' },
  // Attachments (lead)
  attachment_type: {
    zh: '不支持该文件类型：请上传 PDF、Word、Excel、PPT、OFD 或图片（JPG/PNG/WebP）',
    en: 'This file type is not accepted: upload PDF, Word, Excel, PowerPoint, OFD or an image (JPG/PNG/WebP)',
  },
  attachment_too_large: { zh: '附件不能超过 {max}', en: 'An attachment may not exceed {max}' },
  attachment_too_many: { zh: '最多上传 {max} 个附件', en: 'At most {max} attachments' },
  attachment_not_editable: { zh: '当前状态下不能修改附件', en: 'Attachments cannot be changed now' },
  attachment_empty: { zh: '请选择要上传的文件', en: 'Choose a file to upload' },
  file_invalid: { zh: '文件不是有效的 Excel（.xlsx）文件', en: 'The file is not a valid .xlsx workbook' },
  import_too_large: { zh: '导入文件最多 {max} 行数据，当前 {count} 行', en: 'An import file holds at most {max} data rows; this one has {count}' },
  internal: { zh: '服务器内部错误，请稍后重试', en: 'Internal error; try again later' },
  last_admin_grant: {
    zh: '不能移除您本人在本组织的最后一个组织管理员角色',
    en: 'You cannot remove your own last organization-admin role here',
  },
  cannot_disable_self: { zh: '不能停用您本人的账号', en: 'You cannot disable your own account' },
  account_shared: {
    zh: '该账号在您不管理的其他组织也有角色，请联系平台管理员处理',
    en: 'This account also holds roles in organizations you do not administer; ask a platform admin',
  },
  grant_platform_admin: { zh: '只有平台管理员可以授予或收回平台管理员角色', en: 'Only a platform admin may grant or remove the platform-admin role' },
  proposal_transition_refused: {
    zh: '该提案当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The proposal is "{state}"; "{action}" is not possible now. Allowed now: {allowed}',
  },
  proposal_cosigners_pending: { zh: '尚有 {count} 位联名委员未确认附议，暂不能提交', en: '{count} co-signers have not answered yet; the proposal cannot be submitted' },
  proposal_no_session: { zh: '本组织尚未设置全体会议（次），无法提交提案', en: 'This organization has no plenary session yet; proposals cannot be submitted' },
  proposal_assignment_refused: {
    zh: '该交办当前状态为「{status}」，不能执行「{action}」',
    en: 'The assignment is "{status}"; "{action}" is not possible now',
  },
  proposal_adjustment_window_closed: {
    zh: '申请调整的期限已过（最后一天为 {lastDay}），请签收后办理',
    en: 'The window to request an adjustment has passed (the last day was {lastDay}); please sign for it',
  },
  proposal_adjustment_rejected_before: {
    zh: '该单位的调整申请已被提案办拒绝，请签收后办理',
    en: "The office has already rejected this unit's adjustment request; please sign for it",
  },
  proposal_bulk_invalid: {
    zh: '批量交办中有 {count} 件不能交办，未交办任何提案：{first}',
    en: '{count} items cannot be assigned; nothing was assigned: {first}',
  },
  proposal_bulk_register_invalid: {
    zh: '批量立案中有 {count} 件不能立案，未立案任何提案：{first}',
    en: '{count} items cannot be registered; nothing was registered: {first}',
  },
  proposal_not_member: { zh: '只有本组织的委员（或集体提案的代表人）可以提出提案', en: 'Only members of this organization (or agents of a collective proposer) may propose' },
  // ── Handling slice (A): unit-side steps ──
  proposal_handling_state_refused: {
    zh: '该提案当前状态为「{state}」，不能执行「{action}」',
    en: 'The proposal is "{state}"; "{action}" is not possible now',
  },
  proposal_assignment_role_refused: { zh: '「{role}」单位不能执行「{action}」', en: 'A "{role}" unit cannot "{action}"' },
  proposal_opinions_pending: {
    zh: '尚有 {count} 个协办单位未提交协办意见（{units}），暂不能答复；如需先行答复，请提案办准予',
    en: '{count} co-handling units have not given their opinion yet ({units}); the reply must wait unless the office allows it',
  },
  proposal_extension_used: {
    zh: '每个交办只能申请一次延期（当前：{status}）',
    en: 'An assignment may ask for one extension only (now: {status})',
  },
  proposal_extension_cap: {
    zh: '办理期限已达交办之日起 {months} 个月的上限（{cap}），不能再延期',
    en: 'The deadline already reaches the cap of {months} months from the assignment ({cap}); no extension is possible',
  },
  proposal_extension_not_requested: { zh: '该交办没有待审批的延期申请', en: 'This assignment has no pending extension request' },
  proposal_progress_not_b: {
    zh: '只有本轮答复等级为「{grade}」的承办单位报送办理进展',
    en: 'Only a unit whose reply in this round is graded "{grade}" reports progress',
  },
  // ── Evaluation / office / supervision slice (B) ──
  proposal_already_evaluated: { zh: '您已评价过本轮办理，不能重复评价', en: 'You have already rated this round of handling' },
  proposal_evaluation_closed: {
    zh: '评价期限已过（最后一天为 {due}），不能再评价',
    en: 'The evaluation window has closed (the last day was {due})',
  },
  proposal_evaluation_not_due: {
    zh: '评价期限尚未届满（最后一天为 {due}），期满后才能结束评价',
    en: 'The evaluation window is still open (the last day is {due}); it can be completed after that',
  },
  proposal_rehandle_not_dissatisfied: {
    zh: '本轮评价中没有「不满意」，不能重新办理',
    en: 'No rating of this round is "dissatisfied"; re-handling cannot be ordered',
  },
  proposal_good_not_registered: { zh: '只有已立案的提案才能评为好提案', en: 'Only registered proposals can be selected as good proposals' },
  proposal_supervision_not_registered: { zh: '只有已立案的提案才能记录督办', en: 'Supervision is recorded on registered proposals only' },
  // ── Documents slice (F): Word files ──
  proposal_document_state_of: {
    zh: '{label}当前状态为「{state}」，尚未交办，不能生成交办函；请取消勾选后重试',
    en: '{label} is "{state}" and not assigned yet, so it has no assignment letter; untick it and try again',
  },
  proposal_document_state: {
    zh: '该提案当前状态为「{state}」，尚不能生成{document}',
    en: 'The proposal is "{state}"; its {document} cannot be produced yet',
  },
  proposal_document_no_reply: { zh: '该交办尚无答复，不能生成答复函', en: 'This assignment has no reply yet, so there is no reply letter' },
  // ── Activities (协商议政·视察·调研) ──
  activity_transition_refused: {
    zh: '该活动当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The activity is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  activity_not_invited: { zh: '您未受邀参加该活动', en: 'You are not invited to this activity' },
  activity_sign_in_closed: { zh: '该活动当前不能签到', en: 'Sign-in is closed for this activity' },
  activity_sign_code_invalid: { zh: '签到码不正确，请以现场显示的最新签到码为准', en: 'Wrong sign-in code; use the latest code shown at the venue' },
  activity_sign_code_expired: { zh: '签到码已过期，请工作人员重新生成', en: 'The sign-in code has expired; ask the staff for a new one' },
  activity_already_signed_in: { zh: '您已签到，无需重复签到', en: 'You have already signed in' },
  activity_leave_closed: { zh: '活动已举行或已取消，不能再请假', en: 'The activity has taken place or was cancelled; leave can no longer be requested' },
  activity_leave_refused: { zh: '已有请假申请（{state}），不能重复申请', en: 'A leave request already exists ({state})' },
  activity_leave_not_pending: { zh: '该请假申请不是待审批状态', en: 'This leave request is not pending' },
  activity_speech_closed: { zh: '活动已归档或已取消，不能再提交发言', en: 'The activity is closed or cancelled; no more speeches' },
  // ── Joint activities (联合协商) ──
  joint_transition_refused: {
    zh: '该联合邀请当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The invitation is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  joint_self: { zh: '不能邀请本组织联合举办', en: 'An organization cannot invite itself' },
  joint_activity_closed: { zh: '活动已取消或已归档，不能再邀请其他组织', en: 'The activity is cancelled or closed; no more organizations can be invited' },
  joint_host_only: { zh: '该操作仅限主办组织办理', en: 'Only the host organization may do this' },
  joint_not_own_participant: { zh: '只能办理本组织邀请的参加人员', en: 'You may only handle the participants your organization invited' },
  // ── Duty records (履职档案) ──
  duty_transition_refused: {
    zh: '该年度当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The year is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  duty_year_frozen: { zh: '{year} 年度履职档案已冻结，不能再修改', en: 'The {year} duty records are frozen and cannot change' },
  issue_transition_refused: {
    zh: '该问题当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The issue is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  // ── Cooperation items, campaigns, studios, links (coop) ──
  coop_transition_refused: {
    zh: '该合作事项当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The cooperation item is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  coop_point_transition_refused: {
    zh: '该共识事项当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The consensus point is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  coop_points_open: { zh: '尚有 {count} 项共识事项未完成，不能标记合作事项完成', en: '{count} consensus points are not done yet; the item cannot be marked completed' },
  coop_not_point_owner: { zh: '只能为本单位负责的共识事项记录进展', en: 'You may log progress only on the points your organization owns' },
  coop_owner_only: { zh: '只有合作事项的牵头组织可以执行此操作', en: 'Only the organization that owns this item may do this' },
  studio_shift_transition_refused: {
    zh: '该值班当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The shift is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  studio_shift_locked: { zh: '只能修改待值班的班次', en: 'Only a planned shift can be edited' },
  studio_request_transition_refused: {
    zh: '该群众诉求当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The request is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  studio_rating_transition_refused: {
    zh: '该年度星级评定当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The rating year is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  studio_rating_frozen: { zh: '{year} 年度工作室星级评定已冻结，不能再修改', en: 'The {year} studio ratings are frozen and cannot change' },
  link_exists: { zh: '两条记录已经关联', en: 'These records are already linked' },
  link_self: { zh: '不能关联记录本身', en: 'A record cannot be linked to itself' },
  // ── info (社情民意) ──
  info_transition_refused: {
    zh: '该信息当前状态为「{state}」，不能执行「{action}」；当前可执行的操作：{allowed}',
    en: 'The report is "{state}"; "{action}" is not possible. Allowed now: {allowed}',
  },
  // Work system (党委政协工作制度) and leadership dashboard
  work_defaults_exist: { zh: '本组织已有工作制度事项，请逐项新增', en: 'This organization already has obligations; add them one by one' },
  work_obligation_inactive: { zh: '该工作制度事项已停用，启用后才能登记落实情况', en: 'This obligation is inactive; activate it before recording fulfilments' },
  work_activity_not_held: { zh: '只能登记已举行的活动的领导出席情况', en: 'Leaders can only be recorded for activities that took place' },
} satisfies Record<string, Template>;

export type MessageCode = keyof typeof MESSAGES;

/** Validation reasons (the {reason} part), keyed by a small vocabulary. */
export const REASONS = {
  required: { zh: '不能为空', en: 'is required' },
  invalid_type: { zh: '格式不正确', en: 'has the wrong type' },
  too_short: { zh: '至少 {min} 个字符', en: 'needs at least {min} characters' },
  too_long: { zh: '最多 {max} 个字符', en: 'allows at most {max} characters' },
  too_small: { zh: '不能小于 {min}', en: 'must be at least {min}' },
  too_big: { zh: '不能大于 {max}', en: 'must be at most {max}' },
  invalid_option: { zh: '取值无效，可选：{options}', en: 'must be one of: {options}' },
  invalid_date: { zh: '不是有效日期（YYYY-MM-DD）', en: 'is not a valid date (YYYY-MM-DD)' },
  invalid_phone: { zh: '不是有效的手机号码', en: 'is not a valid mobile number' },
  invalid_email: { zh: '不是有效的电子邮箱', en: 'is not a valid e-mail address' },
  invalid_format: { zh: '格式不正确', en: 'has the wrong format' },
  unknown_ref: { zh: '找不到「{value}」', en: 'has no match for "{value}"' },
  duplicate_in_file: { zh: '与第 {row} 行重复', en: 'duplicates row {row}' },
  date_order: { zh: '结束日期不能早于开始日期', en: 'must not be before the start date' },
  unknown_field: { zh: '不是可识别的字段', en: 'is not a recognised field' },
  duplicate_existing: { zh: '与已有记录重复', en: 'duplicates an existing record' },
  missing_column: { zh: '文件缺少该列', en: 'column is missing from the file' },
  no_role_in_org: { zh: '在本组织没有任何角色', en: 'holds no role in this organization' },
  unit_only_for_handler: { zh: '仅「承办单位经办人」角色可指定承办单位', en: 'applies only to the unit-handler role' },
  not_collective_agent: { zh: '您不是该集体提案者的代表人', en: 'you do not act for this collective proposer' },
  not_member_of_org: { zh: '「{value}」不是本组织的在册委员', en: '"{value}" is not an active member of this organization' },
  cannot_invite_self: { zh: '不能邀请提案人本人联名', en: 'cannot include the first proposer' },
  merge_target_invalid: { zh: '只能并入本组织其他已提交或已立案的提案', en: 'must be another submitted or registered proposal of this organization' },
  not_in_list: { zh: '须从配置的选项中选择：{options}', en: 'must be one of the configured options: {options}' },
  unit_count: { zh: '该交办方式须指定 {min} 至 {max} 个承办单位', en: 'this assignment mode takes {min} to {max} units' },
  duplicate_unit: { zh: '承办单位重复：{value}', en: 'lists unit {value} twice' },
  not_leader: { zh: '「{value}」不是本组织的领导', en: '"{value}" is not a leader of this organization' },
  supervisor_required: { zh: '重点提案须指定督办领导', en: 'a key proposal needs a supervising leader' },
  supervisor_without_key: { zh: '只有重点提案才指定督办领导', en: 'only key proposals have a supervising leader' },
  already_assigned: { zh: '该提案已交办给单位「{value}」', en: 'the proposal is already assigned to unit {value}' },
  not_enabled: { zh: '本组织未启用该选项，可选：{options}', en: 'is not enabled here; choose from: {options}' },
  duplicate_option: { zh: '选项重复：{value}', en: 'lists {value} twice' },
  // Cooperation (coop)
  not_party: { zh: '「{value}」不是该合作事项的合作方', en: '"{value}" is not a party of this item' },
  not_in_org: { zh: '「{value}」不属于本组织', en: '"{value}" does not belong to this organization' },
  // Handling slice (A)
  not_future: { zh: '不能晚于今天', en: 'must not be in the future' },
  // ── info (社情民意) ──
  studio_not_member: { zh: '「{value}」不是该委员工作室的成员', en: '"{value}" is not a member of this studio' },
  time_order: { zh: '结束时间须晚于开始时间', en: 'must be after the start time' },
  not_manual_criterion: { zh: '须为「评议打分（手工）」类的评定指标：{options}', en: 'must be a manual criterion: {options}' },
  info_member_required: { zh: '您不是本组织的在册委员，请选择以党派团体、信息员或工作室名义报送', en: 'you are not a member here; file as a party, an information officer or a studio' },
  info_not_in_studio: { zh: '您不是该委员工作室的成员', en: 'you are not a member of this studio' },
  info_authors_locked: { zh: '采编阶段不能修改作者', en: 'cannot be changed while the report is being edited' },
  info_merge_self: { zh: '不能把信息合并到其本身', en: 'cannot include the report itself' },
} satisfies Record<string, Template>;
export type ReasonCode = keyof typeof REASONS;

/** Labels for field names, used when a message names a field. */
export const FIELD_LABELS: Record<string, Template> = {
  name: { zh: '名称', en: 'Name' },
  shortName: { zh: '简称', en: 'Short name' },
  code: { zh: '代码', en: 'Code' },
  level: { zh: '层级', en: 'Level' },
  parentId: { zh: '上级组织', en: 'Parent organization' },
  username: { zh: '账号', en: 'Account name' },
  login: { zh: '账号或手机号', en: 'Account or phone' },
  password: { zh: '密码', en: 'Password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  displayName: { zh: '姓名', en: 'Name' },
  phone: { zh: '手机号', en: 'Phone' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  gender: { zh: '性别', en: 'Gender' },
  sectorId: { zh: '界别', en: 'Sector' },
  sector: { zh: '界别', en: 'Sector' },
  groupId: { zh: '委员小组', en: 'Member group' },
  group: { zh: '委员小组', en: 'Member group' },
  termIds: { zh: '届次', en: 'Terms' },
  term: { zh: '届次', en: 'Term' },
  committeeIds: { zh: '专门委员会', en: 'Committees' },
  committees: { zh: '专门委员会', en: 'Committees' },
  studioIds: { zh: '委员工作室', en: 'Studios' },
  employer: { zh: '工作单位及职务', en: 'Employer and position' },
  address: { zh: '通讯地址', en: 'Address' },
  number: { zh: '序号', en: 'Number' },
  startDate: { zh: '开始日期', en: 'Start date' },
  endDate: { zh: '结束日期', en: 'End date' },
  termId: { zh: '所属届', en: 'Term' },
  theme: { zh: '主题', en: 'Theme' },
  place: { zh: '地点', en: 'Place' },
  kind: { zh: '类型', en: 'Kind' },
  unitGroup: { zh: '单位类别', en: 'Unit group' },
  contactName: { zh: '联系人', en: 'Contact person' },
  contactPhone: { zh: '联系电话', en: 'Contact phone' },
  duties: { zh: '单位职能', en: 'Responsibilities' },
  orgIds: { zh: '可接收提案的组织', en: 'Organizations served' },
  role: { zh: '角色', en: 'Role' },
  unitId: { zh: '承办单位', en: 'Handling unit' },
  orgId: { zh: '组织', en: 'Organization' },
  version: { zh: '版本号', en: 'Version' },
  reason: { zh: '原因', en: 'Reason' },
  day: { zh: '日期', en: 'Date' },
  from: { zh: '起算日期', en: 'Start date' },
  amount: { zh: '数量', en: 'Amount' },
  unit: { zh: '单位', en: 'Unit' },
  cursor: { zh: '分页游标', en: 'Cursor' },
  limit: { zh: '每页条数', en: 'Page size' },
  isStandingCommittee: { zh: '是否常委', en: 'Standing committee' },
  title: { zh: '标题', en: 'Title' },
  /** A role grant's title is the holder's position (职务), not a heading. */
  'grants.title': { zh: '职务', en: 'Position' },
  accountIds: { zh: '代表人', en: 'Agents' },
  locale: { zh: '语言', en: 'Language' },
  file: { zh: '文件', en: 'File' },
  active: { zh: '状态', en: 'Active' },
  committeeId: { zh: '专门委员会', en: 'Committee' },
  q: { zh: '关键词', en: 'Search text' },
  mode: { zh: '导入模式', en: 'Import mode' },
  accountId: { zh: '账号', en: 'Account' },
  grants: { zh: '角色', en: 'Roles' },
  disabled: { zh: '停用', en: 'Disabled' },
  entityType: { zh: '对象类型', en: 'Entity type' },
  entityId: { zh: '对象编号', en: 'Entity id' },
  actorId: { zh: '操作人', en: 'Actor' },
  action: { zh: '操作', en: 'Action' },
  year: { zh: '年份', en: 'Year' },
  official: { zh: '已录入正式安排', en: 'Official notice entered' },
  note: { zh: '备注', en: 'Note' },
  unread: { zh: '未读', en: 'Unread' },
  subject: { zh: '案由', en: 'Subject' },
  body: { zh: '提案内容', en: 'Text' },
  categoryId: { zh: '提案分类', en: 'Category' },
  suggestedUnitIds: { zh: '建议承办单位', en: 'Suggested units' },
  isPublic: { zh: '是否公开', en: 'Public' },
  collectiveId: { zh: '集体提案者', en: 'Collective proposer' },
  memberIds: { zh: '联名委员', en: 'Co-signers' },
  decision: { zh: '附议意见', en: 'Decision' },
  targetId: { zh: '并入的提案', en: 'Target proposal' },
  conversionKind: { zh: '转办方式', en: 'Conversion' },
  proposerConsent: { zh: '提案人同意', en: "Proposer's consent" },
  comments: { zh: '修改意见', en: 'Comments' },
  assignMode: { zh: '交办方式', en: 'Assignment mode' },
  units: { zh: '承办单位', en: 'Handling units' },
  isKey: { zh: '重点提案', en: 'Key proposal' },
  supervisorAccountId: { zh: '督办领导', en: 'Supervising leader' },
  items: { zh: '所选提案', en: 'Selected proposals' },
  ids: { zh: '所选提案', en: 'Selected proposals' },
  proposalId: { zh: '提案', en: 'Proposal' },
  sessionId: { zh: '会议（次）', en: 'Session' },
  state: { zh: '状态', en: 'State' },
  first: { zh: '第一提案人', en: 'First proposer' },
  config: { zh: '配置', en: 'Settings' },
  notRegisterReasons: { zh: '不予立案理由', en: 'Reasons for not registering' },
  conversionKinds: { zh: '转办方式', en: 'Conversion kinds' },
  gradeLabels: { zh: '办理结果等级', en: 'Result grades' },
  // Handling slice (A)
  opinion: { zh: '协办意见', en: 'Opinion' },
  form: { zh: '沟通方式', en: 'Form of contact' },
  contactDate: { zh: '沟通日期', en: 'Date of contact' },
  notes: { zh: '情况记录', en: 'Notes' },
  grade: { zh: '办理结果等级', en: 'Result grade' },
  signer: { zh: '签发人', en: 'Signed by' },
  docNumber: { zh: '文号', en: 'Document number' },
  // Evaluation / office / supervision slice (B)
  workRating: { zh: '办理工作评价', en: 'Rating of the handling' },
  resultRating: { zh: '办理结果评价', en: 'Rating of the result' },
  proposerId: { zh: '提案人', en: 'Proposer' },
  happenedOn: { zh: '督办日期', en: 'Date' },
  isGood: { zh: '好提案', en: 'Good proposal' },
  clock: { zh: '时限类型', en: 'Clock' },
  withinWorkdays: { zh: '即将到期（工作日）', en: 'Due within (working days)' },
  // Statistics slice (D)
  metric: { zh: '统计指标', en: 'Metric' },
  key: { zh: '统计分组', en: 'Group' },
  // Activities
  topic: { zh: '活动主题', en: 'Topic' },
  type: { zh: '活动类型', en: 'Activity type' },
  types: { zh: '活动类型', en: 'Activity types' },
  organizerKind: { zh: '主办方类型', en: 'Organizer kind' },
  organizerName: { zh: '主办方', en: 'Organizer' },
  organizerRefId: { zh: '主办方', en: 'Organizer' },
  startsAt: { zh: '开始时间', en: 'Starts' },
  endsAt: { zh: '结束时间', en: 'Ends' },
  online: { zh: '网络参会', en: 'Online' },
  agenda: { zh: '议程', en: 'Agenda' },
  minutes: { zh: '纪要', en: 'Minutes' },
  attendance: { zh: '出勤', en: 'Attendance' },
  experts: { zh: '专家', en: 'Experts' },
  unitIds: { zh: '责任部门', en: 'Departments' },
  participantId: { zh: '发言人', en: 'Speaker' },
  authorName: { zh: '发言人', en: 'Author' },
  findings: { zh: '主要发现', en: 'Findings' },
  recommendations: { zh: '意见建议', en: 'Recommendations' },
  leader: { zh: '批示领导', en: 'Leader' },
  text: { zh: '批示内容', en: 'Instruction' },
  instructedOn: { zh: '批示日期', en: 'Date' },
  responseDue: { zh: '表态期限', en: 'Answer due' },
  commitment: { zh: '承诺事项', en: 'Commitment' },
  measures: { zh: '具体措施', en: 'Measures' },
  plannedCompletion: { zh: '计划完成时间', en: 'Planned completion' },
  result: { zh: '办理结果', en: 'Result' },
  minutesDueWorkdays: { zh: '纪要报送时限（工作日）', en: 'Minutes due (working days)' },
  signCodeMinutes: { zh: '签到码有效时长（分钟）', en: 'Sign-in code life (minutes)' },
  responseDueWorkdays: { zh: '表态时限（工作日）', en: 'Answer due (working days)' },
  // Cooperation (coop)
  summary: { zh: '事项概述', en: 'Summary' },
  campaignId: { zh: '履职实践活动', en: 'Campaign' },
  originActivityId: { zh: '来源活动', en: 'Origin activity' },
  parties: { zh: '合作方', en: 'Parties' },
  ownerParty: { zh: '责任方', en: 'Owner' },
  ownerPartyId: { zh: '责任方', en: 'Owner' },
  target: { zh: '目标', en: 'Target' },
  dueDate: { zh: '完成时限', en: 'Due date' },
  evidence: { zh: '佐证材料', en: 'Evidence' },
  evidenceRef: { zh: '附件或文号', en: 'Attachment reference' },
  pointId: { zh: '共识事项', en: 'Consensus point' },
  description: { zh: '简介', en: 'Description' },
  activityIds: { zh: '活动', en: 'Activities' },
  leadMemberId: { zh: '领衔委员', en: 'Lead member' },
  toType: { zh: '关联记录类型', en: 'Linked record type' },
  toId: { zh: '关联记录', en: 'Linked record' },
  // Studios (委员工作室)
  replyText: { zh: '答复内容', en: 'Reply' },
  slot: { zh: '值班时段', en: 'Time slot' },
  startTime: { zh: '开始时间', en: 'Start time' },
  endTime: { zh: '结束时间', en: 'End time' },
  requesterName: { zh: '诉求人', en: 'Requester' },
  contact: { zh: '联系方式', en: 'Contact' },
  content: { zh: '诉求内容', en: 'Content' },
  receivedOn: { zh: '受理日期', en: 'Date received' },
  receivedByMemberId: { zh: '接待委员', en: 'Received by' },
  criterionKey: { zh: '评定指标', en: 'Criterion' },
  score: { zh: '得分', en: 'Score' },
  criteria: { zh: '评定指标', en: 'Criteria' },
  'criteria.key': { zh: '指标代码', en: 'Criterion key' },
  'config.bands': { zh: '星级分档', en: 'Star bands' },
  maxPoints: { zh: '满分', en: 'Maximum points' },
  pointsEach: { zh: '每次分值', en: 'Points each' },
  // ── info (社情民意) ──
  infoTitle: { zh: '信息标题', en: 'Title' },
  situation: { zh: '基本情况', en: 'Situation' },
  analysis: { zh: '问题分析', en: 'Analysis' },
  suggestion: { zh: '意见建议', en: 'Suggestion' },
  submitterKind: { zh: '报送身份', en: 'Filed as' },
  studioId: { zh: '委员工作室', en: 'Studio' },
  coAuthorIds: { zh: '联名委员', en: 'Co-authors' },
  sourceIds: { zh: '被合并的信息', en: 'Reports to merge' },
  reportIds: { zh: '编发的信息', en: 'Reports' },
  issuedOn: { zh: '编发日期', en: 'Issue date' },
  bodyName: { zh: '采用机关', en: 'Adopting body' },
  adoptedOn: { zh: '采用日期', en: 'Date adopted' },
  unitName: { zh: '反馈单位', en: 'Unit' },
  fedBackOn: { zh: '反馈日期', en: 'Date of feedback' },
  // Duty records
  memberId: { zh: '委员', en: 'Member' },
  item: { zh: '履职事项', en: 'Item' },
  points: { zh: '分值', en: 'Points' },
  count: { zh: '次数', en: 'Count' },
  occurredOn: { zh: '日期', en: 'Date' },
  condition: { zh: '计分条件', en: 'Condition' },
  capPerYear: { zh: '年度上限', en: 'Yearly cap' },
  bands: { zh: '等次', en: 'Grade bands' },
  rules: { zh: '计分规则', en: 'Rules' },
  // Work system
  everyMonths: { zh: '间隔月数', en: 'Every N months' },
  fulfilledOn: { zh: '落实日期', en: 'Date fulfilled' },
  linkKind: { zh: '关联类型', en: 'Link type' },
  linkId: { zh: '关联记录', en: 'Linked record' },
  leaderName: { zh: '领导姓名', en: 'Leader' },
  activityId: { zh: '活动', en: 'Activity' },
};

export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k] as string | number)));
}

export function pick(t: Template, lang: Lang): string {
  return lang === 'en' ? t.en : t.zh;
}

export function fieldLabel(field: string | undefined, lang: Lang): string {
  if (!field) return '';
  const parts = field.split('.').filter((p) => !/^\d+$/.test(p));
  const last = parts.pop() ?? field;
  // A label qualified by its parent (`grants.title`) wins over the plain one (`title`).
  const t = (parts.length ? FIELD_LABELS[`${parts[parts.length - 1]}.${last}`] : undefined) ?? FIELD_LABELS[last];
  return t ? pick(t, lang) : last;
}

export function message(code: MessageCode, lang: Lang, params: Record<string, unknown> = {}): string {
  return fill(pick(MESSAGES[code], lang), params);
}

export function reasonText(code: ReasonCode, lang: Lang, params: Record<string, unknown> = {}): string {
  return fill(pick(REASONS[code], lang), params);
}

/** The API's error body. */
export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: unknown;
}
