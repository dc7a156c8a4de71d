import { describe, expect, it } from 'vitest';
import { cellValue, columnId, hasContent, splitColumns, type MobileColumnLike } from './mobileColumns';

const ids = (cs: readonly MobileColumnLike[]) => cs.map((c) => columnId(c));

describe('splitColumns (the phone card of a DataTable)', () => {
  const cols: MobileColumnLike[] = [
    { title: '期限', key: 'due' },
    { title: '案由', key: 'subject' },
    { title: '状态', dataIndex: 'status' },
    { title: '操作', key: 'actions' },
  ];

  it('takes the first column as the title, the action column as buttons and the rest as lines', () => {
    const s = splitColumns(cols);
    expect(columnId(s.title!)).toBe('due');
    expect(ids(s.lines)).toEqual(['subject', 'status']);
    expect(ids(s.actions)).toEqual(['actions']);
  });

  it('takes the column named by mobileTitle as the title, by key or by dataIndex', () => {
    expect(columnId(splitColumns(cols, { mobileTitle: 'subject' }).title!)).toBe('subject');
    const s = splitColumns(cols, { mobileTitle: 'status' });
    expect(columnId(s.title!)).toBe('status');
    expect(ids(s.lines)).toEqual(['due', 'subject']);
  });

  it('puts untitled columns and columns listed in mobileActions in the button row', () => {
    const s = splitColumns([{ title: '名称', dataIndex: 'name' }, { title: '', key: 'x' }, { title: '链接', key: 'link' }, { key: 'y' }], {
      mobileActions: ['link'],
    });
    expect(ids(s.actions)).toEqual(['x', 'link', 'y']);
    expect(ids(s.lines)).toEqual([]);
  });

  it('does not treat a data column whose dataIndex is "action" as buttons (the audit log has one)', () => {
    const s = splitColumns([
      { title: '时间', dataIndex: 'at' },
      { title: '操作', dataIndex: 'action' },
    ]);
    expect(ids(s.lines)).toEqual(['action']);
    expect(s.actions).toEqual([]);
  });

  it('leaves out mobileHidden columns and responsive columns not meant for the current screen', () => {
    const c: MobileColumnLike[] = [
      { title: '姓名', dataIndex: 'name' },
      { title: '界别', dataIndex: 'sector', mobileHidden: true },
      { title: '电话', dataIndex: 'phone', responsive: ['md'] },
      { title: '单位', dataIndex: 'unit', responsive: ['sm', 'md'] },
    ];
    expect(ids(splitColumns(c).lines)).toEqual([]);
    expect(ids(splitColumns(c, { screens: { xs: false, sm: true } }).lines)).toEqual(['unit']);
  });

  it('flattens column groups', () => {
    const s = splitColumns([
      { title: '名称', dataIndex: 'n' },
      {
        title: '数量',
        children: [
          { title: '办理', dataIndex: 'w' },
          { title: '结果', dataIndex: 'r' },
        ],
      },
    ] as MobileColumnLike[]);
    expect(ids(s.lines)).toEqual(['w', 'r']);
  });
});

describe('cellValue', () => {
  it('reads a field, a path and nothing', () => {
    const r = { a: 1, b: { c: 'x' }, n: null };
    expect(cellValue(r, 'a')).toBe(1);
    expect(cellValue(r, ['b', 'c'])).toBe('x');
    expect(cellValue(r, ['n', 'c'])).toBeUndefined();
    expect(cellValue(r, undefined)).toBeUndefined();
  });
});

describe('hasContent', () => {
  it('drops empty cells but keeps zero', () => {
    expect([null, undefined, false, '', '  ', 0, '—'].map(hasContent)).toEqual([false, false, false, false, false, true, true]);
  });
});
