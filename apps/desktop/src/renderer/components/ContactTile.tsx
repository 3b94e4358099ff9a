import type { Availability } from '@simplekit/account';
import type { DragEvent } from 'react';
import { lineAt } from '../view/rotation.js';
import { statusLabel } from '../view/status.js';
import { Avatar } from './Avatar.js';

export interface ContactTileProps {
  readonly name: string;
  readonly icon?: string | undefined;
  /** Absent for entries without presence (requests): no overlay and no availability bar. */
  readonly availability?: Availability;
  /** What the second line rotates through (notes, pending authorisation). */
  readonly lines: readonly string[];
  /** The rotation step; the list's ticker advances it every rotation interval. */
  readonly tick: number;
  readonly testId: string;
  readonly muted?: boolean;
  /** Opens the tile's menu at a point: the pointer, or the tile itself from the keyboard. */
  readonly onMenu?: (at: { readonly x: number; readonly y: number }) => void;
  readonly onDoubleClick?: () => void;
  readonly draggable?: boolean;
  readonly onDragStart?: (event: DragEvent) => void;
}

/**
 * One contact as Blink draws it: avatar with the status overlay, the name, the note on the second line, and a
 * rectangular availability bar at the right edge.
 */
export function ContactTile(props: ContactTileProps) {
  const { availability } = props;
  const line = lineAt(props.lines, props.tick, availability ?? 'offline');
  return (
    <li className="tile-row">
      <button
        type="button"
        className={`tile${props.muted ? ' tile-muted' : ''}`}
        data-testid={props.testId}
        data-status={props.availability}
        onContextMenu={(e) => {
          if (props.onMenu === undefined) return;
          e.preventDefault();
          props.onMenu({ x: e.clientX, y: e.clientY });
        }}
        onKeyDown={(e) => {
          // Shift+F10 and the Menu key open the menu (the keyboard's right click); Enter does the double-click.
          if (props.onMenu !== undefined && (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10'))) {
            e.preventDefault();
            const r = e.currentTarget.getBoundingClientRect();
            props.onMenu({ x: r.left + 24, y: r.bottom - 4 });
          } else if (e.key === 'Enter') {
            props.onDoubleClick?.();
          }
        }}
        onDoubleClick={props.onDoubleClick}
        draggable={props.draggable}
        onDragStart={props.onDragStart}
      >
        <Avatar name={props.name} icon={props.icon ?? null} status={props.availability} />
        <span className="tile-text">
          <span className="tile-name">{props.name}</span>
          <span className="tile-note" data-testid="tile-note" title={props.lines.join('\n')}>
            {line}
          </span>
        </span>
        {availability === undefined ? null : (
          <span
            className={`availability-bar status-${availability}`}
            role="img"
            title={statusLabel(availability)}
            aria-label={statusLabel(availability)}
          />
        )}
      </button>
    </li>
  );
}
