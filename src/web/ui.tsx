import { isValidElement, useCallback, useState, type CSSProperties, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { App, Button, Empty, Flex, Grid, Spin, Table, theme, Typography, type FormInstance, type TableProps } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import { ApiError } from './api';
import { useLang } from './i18n';
import { cellValue, hasContent, splitColumns } from './mobileColumns';

/** True at phone width (below antd's md breakpoint, 768 px). */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

const toNamePath = (field: string) => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Shows an API error: a 409 gets the "changed by someone else" dialog with a reload action; an error naming a
 * field goes onto that form field (when the form has it); anything else is a toast with the server's message.
 */
export function useErrorHandler() {
  const { message, modal } = App.useApp();
  const { t } = useLang();
  return useCallback(
    (err: unknown, form?: FormInstance, reload?: () => void) => {
      if (err instanceof ApiError) {
        if (err.status === 409 && err.code === 'conflict_version') {
          modal.confirm({
            title: t('conflictTitle'),
            content: err.message,
            okText: t('reload'),
            cancelText: t('cancel'),
            onOk: () => reload?.(),
          });
          return;
        }
        if (form && err.field) {
          const name = toNamePath(err.field);
          const known = form.getFieldInstance(name as never) !== undefined || form.getFieldValue(name as never) !== undefined;
          if (known) {
            form.setFields([{ name: name as never, errors: [err.message] }]);
            form.scrollToField(name as never);
            return;
          }
        }
        void message.error(err.message);
        return;
      }
      void message.error(err instanceof Error ? err.message : String(err));
    },
    [message, modal, t],
  );
}

export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}

/** A table column, plus `mobileHidden` to leave it off the phone card. */
export type DataColumn<T> = ColumnsType<T>[number] & { mobileHidden?: boolean };

export type DataTableProps<T> = Omit<TableProps<T>, 'columns'> & {
  columns?: DataColumn<T>[];
  /** The column (key, or dataIndex) that is the card's title line on a phone; default: the first column. */
  mobileTitle?: string;
  /** More columns (key, or dataIndex) shown as the card's button row on a phone, besides `actions`/`action`/`op` and untitled columns. */
  mobileActions?: string[];
  /**
   * On a phone: 'cards' (default) puts each label：value on its own line; 'compact' lets short ones (counts,
   * rates) share a line; 'table' keeps the scrolling table.
   */
  mobileLayout?: 'cards' | 'compact' | 'table';
};

/**
 * A list table. On a desktop: an antd Table without pagination. On a phone (below 768 px): one card per row,
 * built from the same columns (see splitColumns) — unless it selects rows, pages, or asks for 'table'; those
 * keep the table, which scrolls sideways.
 */
export function DataTable<T extends object>({ mobileTitle, mobileActions, mobileLayout, ...props }: DataTableProps<T>) {
  const mobile = useIsMobile();
  if (mobile && mobileLayout !== 'table' && !props.rowSelection && !props.pagination) {
    return <MobileCards<T> {...props} mobileTitle={mobileTitle} mobileActions={mobileActions} compact={mobileLayout === 'compact'} />;
  }
  return <Table<T> size={mobile ? 'small' : 'middle'} scroll={{ x: 'max-content' }} pagination={false} {...(props as TableProps<T>)} />;
}

function rowKeyOf<T>(rowKey: TableProps<T>['rowKey'], record: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(record, index);
  const k = (record as Record<string, unknown>)[String(rowKey ?? 'key')];
  return typeof k === 'string' || typeof k === 'number' ? k : index;
}

/** What a column shows for a row: its render(value, record, index), else the value itself. */
function renderCell<T>(col: DataColumn<T>, record: T, index: number): ReactNode {
  const c = col as ColumnType<T>;
  const value = cellValue(record, c.dataIndex);
  const out: unknown = c.render ? c.render(value, record, index) : value;
  if (out !== null && typeof out === 'object' && !isValidElement(out) && 'children' in out)
    return (out as { children: ReactNode }).children;
  return typeof out === 'boolean' ? null : (out as ReactNode);
}

const titleText = (t: unknown): ReactNode => (typeof t === 'function' ? null : (t as ReactNode));

function MobileCards<T extends object>({ compact, ...props }: Omit<DataTableProps<T>, 'mobileLayout'> & { compact: boolean }) {
  const { L } = useLang();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState<ReadonlySet<Key>>(new Set());
  const {
    columns = [],
    dataSource = [],
    rowKey,
    loading,
    locale,
    onRow,
    rowClassName,
    expandable,
    title,
    footer,
    className,
    style,
    id,
  } = props;
  const data = dataSource as readonly T[];
  const {
    title: head,
    lines,
    actions,
  } = splitColumns(columns, {
    mobileTitle: props.mobileTitle,
    mobileActions: props.mobileActions,
    screens: Object.keys(screens).length ? screens : undefined,
  });
  const passThrough = Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith('data-')));
  const spinning = typeof loading === 'object' ? !!loading.spinning : !!loading;
  const card: CSSProperties = {
    background: token.colorBgContainer,
    border: `1px solid ${token.colorBorderSecondary}`,
    borderRadius: token.borderRadiusLG,
    padding: '10px 12px',
  };
  const expand = expandable?.expandedRowRender;
  const emptyText = locale?.emptyText;
  return (
    <div className={['xs-cards', className].filter(Boolean).join(' ')} style={style} id={id} {...passThrough}>
      {title ? <div style={{ marginBottom: 8 }}>{title(data)}</div> : null}
      <Spin spinning={spinning}>
        {!data.length ? (
          <div style={{ ...card, minHeight: 80, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            {spinning ? null : emptyText === undefined ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : typeof emptyText === 'function' ? (
              emptyText()
            ) : (
              emptyText
            )}
          </div>
        ) : (
          <Flex vertical gap={8}>
            {data.map((r, i) => {
              const key = rowKeyOf(rowKey, r, i);
              const attrs: HTMLAttributes<HTMLElement> = onRow?.(r, i) ?? {};
              const extraClass = typeof rowClassName === 'function' ? rowClassName(r, i, 0) : rowClassName;
              const canExpand = !!expand && (expandable?.rowExpandable?.(r) ?? true);
              const isOpen = open.has(key);
              const rows = lines.map((c, j) => ({ c, j, node: renderCell(c, r, i) })).filter((x) => hasContent(x.node));
              const buttons = actions.map((c) => renderCell(c, r, i)).filter(hasContent);
              return (
                <div
                  key={key}
                  data-row-key={String(key)}
                  {...(attrs as HTMLAttributes<HTMLDivElement>)}
                  className={['xs-card', extraClass, attrs.className].filter(Boolean).join(' ')}
                  style={{ ...card, cursor: attrs.onClick ? 'pointer' : undefined, ...attrs.style }}
                >
                  {head ? (
                    <div style={{ fontWeight: 500, fontSize: token.fontSize + 1, overflowWrap: 'anywhere' }}>{renderCell(head, r, i)}</div>
                  ) : null}
                  {rows.length ? (
                    <div
                      style={{
                        marginTop: head ? 4 : 0,
                        fontSize: token.fontSizeSM + 1,
                        lineHeight: 1.7,
                        ...(compact ? { display: 'flex', flexWrap: 'wrap', columnGap: 16 } : {}),
                      }}
                    >
                      {rows.map(({ c, j, node }) => (
                        <div
                          key={j}
                          style={{ display: compact ? 'inline-flex' : 'flex', gap: 4, alignItems: 'baseline', maxWidth: '100%' }}
                        >
                          {hasContent(titleText(c.title)) ? (
                            <span style={{ color: token.colorTextSecondary, flex: 'none' }}>
                              {titleText(c.title)}
                              {L('：', ': ')}
                            </span>
                          ) : null}
                          <span className="xs-card-value">{node}</span>
                        </div>
                      ))}
                    </div>
                  ) : null}
                  {canExpand && isOpen ? (
                    <div style={{ marginTop: 8, paddingTop: 8, borderTop: `1px dashed ${token.colorBorderSecondary}` }}>
                      {expand(r, i, 0, true)}
                    </div>
                  ) : null}
                  {canExpand || buttons.length ? (
                    <Flex wrap gap={8} align="center" style={{ marginTop: 8 }}>
                      {buttons.map((b, j) => (
                        <span key={j}>{b}</span>
                      ))}
                      {canExpand ? (
                        <Button
                          type="link"
                          size="small"
                          style={{ paddingInline: 0 }}
                          onClick={(e) => {
                            e.stopPropagation();
                            setOpen((s) => {
                              const n = new Set(s);
                              if (n.has(key)) n.delete(key);
                              else n.add(key);
                              return n;
                            });
                          }}
                        >
                          {isOpen ? L('收起', 'Less') : L('展开详情', 'More')}
                        </Button>
                      ) : null}
                    </Flex>
                  ) : null}
                </div>
              );
            })}
          </Flex>
        )}
      </Spin>
      {footer ? <div style={{ marginTop: 8 }}>{footer(data)}</div> : null}
    </div>
  );
}

export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useLang();
  return (
    <Flex justify="center" style={{ marginTop: 12 }}>
      {hasMore ? (
        <Button onClick={onClick} loading={loading}>
          {t('loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('noMore')}</Typography.Text>
      )}
    </Flex>
  );
}
