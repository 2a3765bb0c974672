import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/**
 * A list that renders only the rows in view (TanStack Virtual), so that 10,000 accounts scroll and
 * filter as fast as ten. Rows are a fixed height; each is a listitem of a labelled list.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  label,
  className,
  rowClassName,
  keyOf,
  children,
}: {
  items: readonly T[];
  rowHeight: number;
  label: string;
  className?: string;
  rowClassName?: string;
  keyOf: (item: T) => string;
  children: (item: T) => ReactNode;
}) {
  // The one use of TanStack Virtual: react-hooks/incompatible-library notes (a warning) that a
  // React Compiler would leave this component unmemoized, which is right for a list it mutates as it scrolls.
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 8 });
  return (
    <div ref={scroller} className={['virtual-list', className].filter(Boolean).join(' ')} role="list" aria-label={label}>
      <div className="virtual-inner" style={{ height: rows.getTotalSize() }}>
        {rows.getVirtualItems().map((row) => {
          const item = items[row.index]!;
          return (
            <div
              key={keyOf(item)}
              role="listitem"
              className={['virtual-row', rowClassName].filter(Boolean).join(' ')}
              style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
            >
              {children(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
