/**
 * Autosave of a draft edited in an antd Form (the proposal draft editor, the 社情民意 report editor): every change
 * is kept in localStorage at once and PATCHed (with the version) after a pause. A 409 (`conflict_version`) asks
 * whether to keep what was typed (save it over the newer version) or load the newer version; what was typed is
 * never dropped without that choice. Values kept on this device from an earlier visit are restored on opening and
 * saved shortly after. Leaving the editor saves what is pending.
 *
 * The record's id is taken from the render it was opened in, so a pending save on leaving one record (the page
 * moved on to another) still goes to the record it was typed into; the callbacks are read at call time.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { App, type FormInstance } from 'antd';
import { ApiError } from '../api';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }
  | { kind: 'conflict' };

/** Pause after the last change before saving. */
export const AUTOSAVE_DELAY_MS = 1200;
/** Pause before saving values restored from this device on opening. */
export const RESTORE_DELAY_MS = 500;

export interface AutosaveOptions<V, R extends { version: number }> {
  /** The record's id (the editor is loaded once per id: later refetches never overwrite what is being typed). */
  id: number;
  /** The record as loaded; its values fill the form when the editor opens on it. */
  record: R;
  form: FormInstance<V>;
  /** The version the next save builds on, shared with the page's actions (submit etc.). */
  versionRef: { current: number };
  /** Set by the hook to "save now": resolves true when nothing is left unsaved. */
  flushRef: { current: () => Promise<boolean> };
  /** localStorage key of the values typed on this device and not saved yet. */
  storageKey: (id: number) => string;
  /** The form's values of a record as the server has it. */
  valuesOf: (r: R) => V;
  /** The form's current values (from `form.getFieldsValue(true)`), with defaults filled in. */
  read: (raw: Partial<V>) => V;
  same: (a: V, b: V) => boolean;
  /** Values kept on this device (parsed JSON) as form values, given the server's; default: taken as they are. */
  restore?: (stored: unknown, server: V) => V;
  /** The PATCH: saves `values` over `version`, returns the saved record. */
  save: (id: number, values: V, version: number) => Promise<R>;
  /** Loads the newest record (after a version conflict). */
  load: (id: number) => Promise<R>;
  /** Called with each saved or reloaded record. */
  onSaved: (r: R) => void;
  /** Called with the values whenever they change (typed or restored from this device). */
  onValues?: (v: V) => void;
  /** The conflict dialog's title and text. */
  conflict: { title: string; content: string; okText: string; cancelText: string };
  /** A save refused for one of these fields shows the error on that field too. */
  fieldErrors?: readonly string[];
}

export function useAutosave<V, R extends { version: number }>(opts: AutosaveOptions<V, R>) {
  const { id, form, versionRef, flushRef } = opts;
  const { modal } = App.useApp();
  const [status, setStatus] = useState<SaveState>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<Promise<boolean> | null>(null);
  const dirty = useRef(false);
  const o = useRef(opts);
  useLayoutEffect(() => {
    o.current = opts;
  });

  const current = useCallback((): V => o.current.read(form.getFieldsValue(true) as Partial<V>), [form]);

  const save = useCallback(async (): Promise<boolean> => {
    if (inflight.current) await inflight.current;
    if (!dirty.current) return true;
    const sent = current();
    dirty.current = false;
    setStatus({ kind: 'saving' });
    const run = (async () => {
      const { storageKey } = o.current;
      try {
        const res = await o.current.save(id, sent, versionRef.current);
        versionRef.current = res.version;
        o.current.onSaved(res);
        if (o.current.same(sent, current())) localStorage.removeItem(storageKey(id));
        setStatus({ kind: 'saved', at: new Date() });
        return true;
      } catch (err) {
        dirty.current = true;
        if (err instanceof ApiError && err.status === 409 && err.code === 'conflict_version') {
          setStatus({ kind: 'conflict' });
          modal.confirm({
            ...o.current.conflict,
            onOk: async () => {
              const latest = await o.current.load(id);
              versionRef.current = latest.version;
              dirty.current = true;
              await flushRef.current();
            },
            onCancel: async () => {
              const latest = await o.current.load(id);
              versionRef.current = latest.version;
              dirty.current = false;
              localStorage.removeItem(storageKey(id));
              form.setFieldsValue(o.current.valuesOf(latest) as Parameters<typeof form.setFieldsValue>[0]);
              o.current.onSaved(latest);
              setStatus({ kind: 'idle' });
            },
          });
          return false;
        }
        if (err instanceof ApiError && err.field && o.current.fieldErrors?.includes(err.field)) {
          form.setFields([{ name: err.field as never, errors: [err.message] }]);
        }
        setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
        return false;
      }
    })();
    inflight.current = run;
    const ok = await run;
    inflight.current = null;
    return ok;
  }, [current, form, id, modal, versionRef, flushRef]);

  useEffect(() => {
    const { storageKey, restore, valuesOf, same, onValues, record } = o.current;
    const server = valuesOf(record);
    let stored: V | null = null;
    try {
      const raw = localStorage.getItem(storageKey(id));
      if (raw) stored = restore ? restore(JSON.parse(raw), server) : (JSON.parse(raw) as V);
    } catch {
      stored = null;
    }
    if (stored && !same(stored, server)) {
      form.setFieldsValue(stored as Parameters<typeof form.setFieldsValue>[0]);
      onValues?.(stored);
      dirty.current = true;
      setStatus({ kind: 'dirty' });
      timer.current = setTimeout(() => void save(), RESTORE_DELAY_MS);
    } else {
      localStorage.removeItem(storageKey(id));
      form.setFieldsValue(server as Parameters<typeof form.setFieldsValue>[0]);
    }
    return () => {
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current) void save();
    };
    // Loaded once per record: later refetches must not overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    flushRef.current = async () => {
      if (timer.current) clearTimeout(timer.current);
      return save();
    };
  }, [flushRef, save]);

  /** For the Form's `onValuesChange`: keeps the values on this device and saves after a pause. */
  const onChange = useCallback(() => {
    const v = current();
    localStorage.setItem(o.current.storageKey(id), JSON.stringify(v));
    o.current.onValues?.(v);
    dirty.current = true;
    setStatus({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }, [current, id, save]);

  return { status, onChange };
}
