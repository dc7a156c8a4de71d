import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, Input, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { TextPart } from '@common/search';
import { useLang } from '../i18n';
import { useSession } from '../session';
import { useIsMobile } from '../ui';

/** True when the key press is meant for a text field, not for a page shortcut. */
const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * The header's search box. "/" or Ctrl+K (⌘K) focuses it from anywhere; Enter opens the results page. On a
 * phone it is an icon that opens the results page (whose own box takes the focus).
 */
export function SearchBox() {
  const { L } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const mobile = useIsMobile();
  const ref = useRef<InputRef>(null);
  const [value, setValue] = useState('');
  const { orgId } = useSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      if (!ctrlK && (e.key !== '/' || typing(e.target) || e.altKey || e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      if (mobile || !ref.current) void navigate('/search');
      else ref.current.focus({ cursor: 'all' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mobile, navigate]);
  if (location.pathname === '/search' || orgId == null) return null;
  if (mobile)
    return <Button type="text" icon={<SearchOutlined />} aria-label={L('搜索', 'Search')} onClick={() => void navigate('/search')} />;
  return (
    <Input.Search
      ref={ref}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      allowClear
      aria-label={L('全文搜索', 'Search')}
      placeholder={L('搜索提案、答复…（按 / 键）', 'Search proposals, replies… (press /)')}
      style={{ width: 300 }}
      onSearch={(q) => {
        const text = q.trim();
        if (!text) return;
        setValue('');
        ref.current?.blur();
        void navigate(`/search?q=${encodeURIComponent(text)}`);
      }}
    />
  );
}

const MARK = { background: '#fff1b8', color: 'inherit', padding: '0 1px', borderRadius: 2 } as const;

/** Highlighted text from the search API: matched words in <mark>, everything as text (never as HTML). */
export function Highlight({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.hit ? (
          <mark key={i} style={MARK}>
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
