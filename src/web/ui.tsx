import { useCallback, type ReactNode } from 'react';
import { App, Button, Flex, Grid, Table, Typography, type FormInstance, type TableProps } from 'antd';
import { ApiError } from './api';
import { useLang } from './i18n';

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

/** A table that scrolls horizontally on small screens. */
export function DataTable<T extends object>(props: TableProps<T>) {
  const mobile = useIsMobile();
  return <Table<T> size={mobile ? 'small' : 'middle'} scroll={{ x: 'max-content' }} pagination={false} {...props} />;
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
