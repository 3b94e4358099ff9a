import type { Style } from '../frame/style.js';

/** How the terminal shows an availability (the desktop app's status overlay colours). */
export function availabilityLabel(availability: string, style: Style): string {
  switch (availability) {
    case 'available':
      return style.green('● available');
    case 'busy':
      return style.red('● busy');
    case 'away':
      return style.yellow('◐ away');
    case 'extended-away':
      return style.yellow('○ extended-away');
    default:
      return style.dim(`○ ${availability}`);
  }
}
