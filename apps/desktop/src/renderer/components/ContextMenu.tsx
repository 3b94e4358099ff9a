import type { Availability } from '@simplekit/account';
import { useEffect } from 'react';

export type MenuItem =
  | {
      readonly label: string;
      readonly onSelect: () => void;
      readonly danger?: boolean;
      readonly testId?: string;
      /** Draws a status dot before the label (status menu). */
      readonly status?: Availability;
    }
  | { readonly separator: true };

export interface MenuState {
  readonly x: number;
  readonly y: number;
  readonly items: readonly MenuItem[];
}

/** A context menu at the pointer; closes on a choice, a click elsewhere or Escape. */
export function ContextMenu({ menu, onClose }: { readonly menu: MenuState; readonly onClose: () => void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop only catches clicks outside; Escape closes too
    <div className="menu-backdrop" onMouseDown={onClose} onContextMenu={(e) => e.preventDefault()}>
      <div
        className="menu"
        role="menu"
        ref={(el: HTMLDivElement | null) => {
          if (el === null) return;
          // Keep the menu inside the window.
          const x = Math.min(menu.x, window.innerWidth - el.offsetWidth - 4);
          const y = Math.min(menu.y, window.innerHeight - el.offsetHeight - 4);
          el.style.left = `${Math.max(4, x)}px`;
          el.style.top = `${Math.max(4, y)}px`;
        }}
        onMouseDown={(e) => e.stopPropagation()}
      >
        {menu.items.map((item, i) =>
          'separator' in item ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: separators have no identity
            <hr key={`sep-${i}`} className="menu-separator" />
          ) : (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              data-testid={item.testId}
              className={item.danger ? 'menu-item danger' : 'menu-item'}
              onClick={() => {
                onClose();
                item.onSelect();
              }}
            >
              {item.status === undefined ? null : <span className={`dot status-${item.status}`} />}
              {item.label}
            </button>
          ),
        )}
      </div>
    </div>
  );
}
