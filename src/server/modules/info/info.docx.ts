/** 《社情民意》 bulletin issue as a Word file: red masthead, issue number and date, each report with its source. */
import { eq } from 'drizzle-orm';
import { Paragraph, TextRun } from 'docx';
import { infoIssueLabel } from '@common/info';
import type { DbOrTx } from '@server/db/client';
import { organizations } from '@server/db/schema/index';
import {
  blankLine,
  bodyParagraph,
  chineseDate,
  FONTS,
  labelParagraph,
  officialDocument,
  officialSection,
  packDocx,
  plainParagraph,
  SIZES,
  titleParagraph,
} from '@server/lib/docx';
import * as repo from './info.repo';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export async function bulletinDocx(db: DbOrTx, issue: repo.IssueRow): Promise<{ filename: string; ascii: string; buf: Buffer }> {
  const [org] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, issue.orgId));
  const reports = await repo.reportsOfIssues(db, [issue.id]);
  const authors = await repo.authorsOf(
    db,
    reports.map((r) => r.id),
  );
  const issuedOn = typeof issue.issuedOn === 'string' ? issue.issuedOn : String(issue.issuedOn);
  const children: Paragraph[] = [
    new Paragraph({
      alignment: 'center',
      spacing: { before: 0, after: 240 },
      children: [new TextRun({ text: '社情民意', font: FONTS.title, size: 88, color: 'C00000' })],
    }),
    plainParagraph(`${issue.year}年第${issue.number}期（总第${issue.number}期）`, 'center'),
    new Paragraph({
      border: { bottom: { style: 'single', size: 18, color: 'C00000', space: 8 } },
      children: [
        new TextRun({ text: `${org?.name ?? ''}办公室编`, font: FONTS.kai, size: SIZES.san }),
        new TextRun({ text: `\t${chineseDate(issuedOn)}`, size: SIZES.san }),
      ],
      tabStops: [{ type: 'right', position: 8800 }],
    }),
    blankLine(),
    ...(issue.title ? [plainParagraph(`本期要目：${issue.title}`), blankLine()] : []),
  ];
  reports.forEach((r, i) => {
    const names = authors.filter((a) => a.reportId === r.id).map((a) => a.name);
    const source = r.submitterKind === 'member' || !names.length ? r.submitterName : `${r.submitterName}（${names.join('、')}）`;
    children.push(
      titleParagraph(r.title, { pageBreakBefore: i > 0 }),
      plainParagraph(`（${source || '信息员'}）`, 'center'),
      blankLine(),
      ...(r.situation ? [labelParagraph('一、基本情况'), ...lines(r.situation).map((l) => bodyParagraph(l))] : []),
      ...(r.analysis ? [labelParagraph('二、问题分析'), ...lines(r.analysis).map((l) => bodyParagraph(l))] : []),
      ...(r.suggestion
        ? [labelParagraph(r.analysis ? '三、意见建议' : '二、意见建议'), ...lines(r.suggestion).map((l) => bodyParagraph(l))]
        : []),
    );
  });
  children.push(
    blankLine(),
    new Paragraph({
      border: { top: { style: 'single', size: 6, color: '000000', space: 4 } },
      children: [new TextRun({ text: `报：上级政协办公厅（室）；送：${org?.name ?? ''}主席、副主席、秘书长`, size: SIZES.si })],
    }),
  );
  const label = infoIssueLabel(issue.year, issue.number);
  const doc = officialDocument({ title: label, creator: org?.name ?? '协商', sections: [officialSection(children)] });
  return {
    filename: `社情民意-${issue.year}年第${issue.number}期.docx`,
    ascii: `info-bulletin-${issue.year}-${issue.number}.docx`,
    buf: await packDocx(doc),
  };
}
