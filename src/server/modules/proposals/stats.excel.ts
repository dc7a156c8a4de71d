/** The dashboard as an .xlsx workbook: 总览 / 按分类 / 按界别 / 按承办单位 / 逾期清单. */
import ExcelJS from 'exceljs';
import {
  PROPOSAL_STATE_LABELS,
  RATING_LABELS,
  statsRate,
  type ProposalState,
  type ProposalStatsViewT,
  type StatsFractionT,
} from '@common/proposals';
import type { ItemRow } from './stats.repo';

const pct = (f: StatsFractionT) => {
  const r = statsRate(f);
  return r == null ? '—' : `${(r * 100).toFixed(1)}%`;
};
const ratio = (f: StatsFractionT) => `${f.num}/${f.den}`;

export const categoryName = (key: string, name: string) => (key === 'none' ? '未分类' : name);
export const sectorName = (key: string, name: string) => (key === 'collective' ? '集体提案' : key === 'none' ? '未填界别' : name);

function sheet(wb: ExcelJS.Workbook, name: string, columns: Array<{ header: string; width: number }>, rows: Array<Array<string | number>>) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  });
  for (const r of rows) ws.addRow(r);
  return ws;
}

export async function statsWorkbook(v: ProposalStatsViewT, overdue: ItemRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xieshang';
  wb.created = new Date();
  const scope = v.scope.sessionName ?? (v.scope.year != null ? `${v.scope.year}年` : '全部会议');
  const overview: Array<[string, string | number, string]> = [
    ['统计范围', scope, `统计日期 ${v.today}`],
    ['收到提案', v.received, ''],
    ['立案', v.registered, ''],
    ['立案率', pct(v.registrationRate), ratio(v.registrationRate)],
    ['并案', v.merged, ''],
    ['不予立案（转办）', v.converted, ''],
    ['撤案', v.withdrawn, ''],
    ['交办', v.assigned, ''],
    ['已办复', v.replied, ''],
    ['办复率', pct(v.replyRate), ratio(v.replyRate)],
    ['按期办复率', pct(v.onTimeRate), ratio(v.onTimeRate)],
    ['面商率', pct(v.contactRate), ratio(v.contactRate)],
    ['办理工作满意率', pct(v.workSatisfaction), ratio(v.workSatisfaction)],
    ['办理结果满意率', pct(v.resultSatisfaction), ratio(v.resultSatisfaction)],
    ...v.ratings.flatMap((r): Array<[string, number, string]> => [
      [`办理工作「${RATING_LABELS[r.rating].zh}」`, r.work, ''],
      [`办理结果「${RATING_LABELS[r.rating].zh}」`, r.result, ''],
    ]),
    ['未表态', v.noResponse, '不计入满意率'],
    ['待评价', v.pendingEvaluations, ''],
    ...v.grades.map((g): [string, number, string] => [`答复等级 ${g.code}（${g.label}）`, g.count, pct(g.share)]),
    ['平均办理工作日', v.avgWorkdays ?? '—', v.avgWorkdaysProvisional ? '含未发布节假日安排的年份，暂按周末计算' : ''],
    ['逾期未答复', v.overdue, ''],
  ];
  sheet(
    wb,
    '总览',
    [
      { header: '指标', width: 26 },
      { header: '数值', width: 16 },
      { header: '说明', width: 40 },
    ],
    overview,
  );
  const counts = [
    { header: '收到', width: 10 },
    { header: '立案', width: 10 },
    { header: '交办', width: 10 },
    { header: '已办复', width: 10 },
  ];
  sheet(
    wb,
    '按分类',
    [{ header: '分类', width: 24 }, ...counts],
    v.byCategory.map((c) => [categoryName(c.key, c.name), c.received, c.registered, c.assigned, c.replied]),
  );
  sheet(
    wb,
    '按界别',
    [{ header: '界别', width: 24 }, ...counts],
    v.bySector.map((c) => [sectorName(c.key, c.name), c.received, c.registered, c.assigned, c.replied]),
  );
  sheet(
    wb,
    '按承办单位',
    [
      { header: '承办单位', width: 28 },
      { header: '承办件数', width: 10 },
      { header: '答复件数（主办/分办/独办）', width: 14 },
      { header: '已答复', width: 10 },
      { header: '按期办复率', width: 12 },
      { header: '办理工作满意率', width: 14 },
      { header: '办理结果满意率', width: 14 },
      { header: '平均办理工作日', width: 14 },
      { header: '逾期', width: 8 },
    ],
    v.byUnit.map((u) => [
      u.unitName,
      u.assigned,
      u.replying,
      u.replied,
      pct(u.onTime),
      pct(u.workSatisfaction),
      pct(u.resultSatisfaction),
      u.avgWorkdays ?? '—',
      u.overdue,
    ]),
  );
  sheet(
    wb,
    '逾期清单',
    [
      { header: '编号', width: 26 },
      { header: '案由', width: 44 },
      { header: '提案人', width: 14 },
      { header: '承办单位', width: 24 },
      { header: '办理期限', width: 12 },
      { header: '状态', width: 10 },
    ],
    overdue.map((r) => [
      r.numberLabel ?? '',
      r.subject,
      r.proposerName,
      r.unitName ?? '',
      r.deadline ?? '',
      PROPOSAL_STATE_LABELS[r.state as ProposalState]?.zh ?? r.state,
    ]),
  );
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
