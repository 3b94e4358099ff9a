import type { Availability } from '@simplekit/account';
import type { DragEvent, MouseEvent } from 'react';
import { lineAt } from '../view/rotation.js';
import { statusLabel } from '../view/status.js';
import { Avatar } from './Avatar.js';

export interface ContactTileProps {
  readonly name: string;
  readonly icon?: string | undefined;
  readonly availability: Availability;
  /** What the second line rotates through (notes, pending authorisation). */
  readonly lines: readonly string[];
  /** The rotation step; the list's ticker advances it every rotation interval. */
  readonly tick: number;
  readonly testId: string;
  readonly muted?: boolean;
  readonly onContextMenu?: (event: MouseEvent) => void;
  readonly onDoubleClick?: () => void;
  readonly draggable?: boolean;
  readonly onDragStart?: (event: DragEvent) => void;
}

/**
 * One contact as Blink draws it: avatar with the status overlay, the name, the note on the second line, and a
 * rectangular availability bar at the right edge.
 */
export function ContactTile(props: ContactTileProps) {
  const line = lineAt(props.lines, props.tick, props.availability);
  return (
    <li
      className={`tile${props.muted ? ' tile-muted' : ''}`}
      data-testid={props.testId}
      data-status={props.availability}
      onContextMenu={props.onContextMenu}
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
      <span
        className={`availability-bar status-${props.availability}`}
        role="img"
        title={statusLabel(props.availability)}
        aria-label={statusLabel(props.availability)}
      />
    </li>
  );
}
