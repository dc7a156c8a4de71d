import { useCallback, useEffect } from 'react';
import type { FormInstance } from 'antd';

/** Enter submits the dialog's form (also when no text field has the focus, as in 立案), except in a text area, a picker or on a button. */
export function useEnterSubmits(form: FormInstance) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.isComposing || e.shiftKey) return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('textarea, .ant-select, button, .ant-checkbox-wrapper, .ant-radio-wrapper')) return;
      if (el !== document.body && !el?.closest('.ant-modal')) return;
      e.preventDefault();
      form.submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);
}

/**
 * A callback ref for the wrapper of a dialog's content: as soon as the content mounts, the focus goes to its first
 * field, else to the wrapper itself (give it tabIndex={-1}). Without this the dialog's focus lock puts the focus on the
 * close button while the opening animation runs, and an Enter pressed quickly then closes the dialog instead of
 * submitting it.
 */
export function useDialogFocus() {
  return useCallback((el: HTMLElement | null) => {
    if (!el) return;
    const field = el.querySelector<HTMLElement>('input:not([type=checkbox]):not([type=radio]), textarea, .ant-select input');
    (field ?? el).focus({ preventScroll: true });
  }, []);
}
