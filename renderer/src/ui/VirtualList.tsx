import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

/** Where the rows come from: all at hand, or `count` rows of which some are still being fetched. */
type Rows<T> =
  | { items: readonly T[]; count?: never; itemAt?: never }
  | {
      items?: never;
      count: number;
      /** The row at this index, or undefined while its page is still to come (a placeholder shows). */
      itemAt: (index: number) => T | undefined;
    };

/**
 * A list that renders only the rows in view (TanStack Virtual), so that 10,000 accounts scroll and
 * filter as fast as ten. Rows are a fixed height; each is a listitem of a labelled list. A paged
 * list gives `count` and `itemAt`, hears which rows are in view (with the overscan) through
 * `onRange`, and shows `placeholder` at the same height for a row not fetched yet.
 */
export function VirtualList<T>({
  rowHeight,
  label,
  className,
  rowClassName,
  keyOf,
  children,
  onRange,
  placeholder,
  ...rows
}: Rows<T> & {
  rowHeight: number;
  label: string;
  className?: string;
  rowClassName?: string;
  keyOf: (item: T) => string;
  children: (item: T) => ReactNode;
  onRange?: (first: number, last: number) => void;
  placeholder?: ReactNode;
}) {
  const count = rows.items ? rows.items.length : rows.count;
  const at = (index: number): T | undefined => (rows.items ? rows.items[index] : rows.itemAt(index));
  // The one use of TanStack Virtual: react-hooks/incompatible-library notes (a warning) that a
  // React Compiler would leave this component unmemoized, which is right for a list it mutates as it scrolls.
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  const shown = virtualizer.getVirtualItems();
  const first = shown[0]?.index ?? 0;
  const last = shown[shown.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) onRange?.(first, last);
  }, [first, last, onRange]);
  return (
    <div ref={scroller} className={['virtual-list', className].filter(Boolean).join(' ')} role="list" aria-label={label}>
      <div className="virtual-inner" style={{ height: virtualizer.getTotalSize() }}>
        {shown.map((row) => {
          const item = at(row.index);
          return (
            <div
              key={item === undefined ? `row-${row.index}` : keyOf(item)}
              role="listitem"
              className={['virtual-row', rowClassName].filter(Boolean).join(' ')}
              style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
            >
              {item === undefined ? placeholder : children(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
