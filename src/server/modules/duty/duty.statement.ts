/** 年度履职报告 — a member's annual statement as a Word file (official styles from lib/docx). */
import { DUTY_SOURCE_LABELS } from '@common/duty';
import {
  blankLine,
  bodyParagraph,
  chineseDate,
  keyValueTable,
  labelParagraph,
  listParagraph,
  officialDocument,
  officialSection,
  packDocx,
  plainParagraph,
  titleParagraph,
} from '@server/lib/docx';
import { todayInChina } from '@server/lib/workdays';
import type { RecordView } from './duty.presenter';

export async function statementDocx(orgName: string, r: RecordView): Promise<{ filename: string; buf: Buffer; ascii: string }> {
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  const children = [
    titleParagraph(`${orgName}委员${r.year}年度履职情况报告`),
    keyValueTable([
      ['委员', r.member.name],
      ['界别', r.member.sector ?? '—'],
      ['委员小组', r.member.group ?? '—'],
      ['年度积分', `${fmt(r.total)} 分（第 ${r.rank ?? '—'} 名／共 ${r.of} 人）`],
      ['履职等次', r.grade],
      [
        '年度基本要求',
        `${r.meetsMinimums ? '已达到' : '未达到'}（提案或社情民意 ${r.proposalsOrReports}／${r.minimums.proposalsOrReports} 件，参加活动 ${r.activities}／${r.minimums.activities} 次）`,
      ],
      ['状态', r.state === 'frozen' ? '年度已冻结（终版）' : '计分中（以最终冻结结果为准）'],
    ]),
    blankLine(),
    labelParagraph('一、分项积分'),
    ...(r.items.length
      ? r.items.map((i) => listParagraph(`${i.item}：${i.count} 项，${fmt(i.points)} 分`))
      : [bodyParagraph('本年度暂无计分记录。')]),
    blankLine(),
    labelParagraph('二、履职明细'),
    ...(r.entries.length
      ? r.entries.map((e) =>
          listParagraph(
            `${e.occurredOn}\u3000${e.item}（${DUTY_SOURCE_LABELS[e.sourceType].zh}）：${e.title}\u3000${fmt(e.points)} 分${e.capped ? `（原 ${fmt(e.rawPoints)} 分，超出年度上限）` : ''}`,
          ),
        )
      : [bodyParagraph('无。')]),
    blankLine(),
    plainParagraph(orgName, 'right'),
    plainParagraph(chineseDate(todayInChina()), 'right'),
  ];
  const doc = officialDocument({ title: `${r.member.name}${r.year}年度履职情况报告`, sections: [officialSection(children)] });
  return { filename: `${r.member.name}-${r.year}年度履职情况报告.docx`, buf: await packDocx(doc), ascii: `duty-statement-${r.year}.docx` };
}
