import type { Availability } from '@simplekit/account';
import { hueOf, initialsOf, statusLabel } from '../view/status.js';

export interface AvatarProps {
  readonly name: string;
  readonly icon?: string | null;
  /** Draws the status overlay bottom-right. */
  readonly status?: Availability;
  readonly size?: 'small' | 'large';
}

/** A contact's picture (or initials) with the round status overlay at the bottom right. */
export function Avatar({ name, icon, status, size = 'small' }: AvatarProps) {
  return (
    <span className={`avatar avatar-${size}`}>
      {icon ? (
        <img className="avatar-image" src={icon} alt="" />
      ) : (
        <span className={`avatar-initials hue-${Math.round(hueOf(name) / 30) % 12}`}>{initialsOf(name)}</span>
      )}
      {status === undefined ? null : (
        <span className={`status-overlay status-${status}`} title={statusLabel(status)} data-status={status} />
      )}
    </span>
  );
}
