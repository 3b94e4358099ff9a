// Small line icons for the toolbar (inline SVG: no icon font, nothing for the CSP to load).

const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.5,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export function AddContactIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="6.5" cy="5.5" r="2.5" />
      <path d="M2 13.5c0-2.5 2-4 4.5-4s4.5 1.5 4.5 4" />
      <path d="M13 4.5v4M11 6.5h4" />
    </svg>
  );
}

export function WatchersIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M1.5 8s2.5-4.5 6.5-4.5S14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z" />
      <circle cx="8" cy="8" r="2" />
    </svg>
  );
}

export function TraceIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <path d="M1.5 8h3l2-4.5 3 9 2-4.5h3" />
    </svg>
  );
}

export function SettingsIcon() {
  return (
    <svg {...common} aria-hidden="true">
      <circle cx="8" cy="8" r="2.2" />
      <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
    </svg>
  );
}

export function PresenceLogo() {
  return (
    <svg width="32" height="32" viewBox="0 0 32 32" fill="none" aria-hidden="true">
      <circle cx="14" cy="11" r="5.5" stroke="#fff" strokeWidth="2.5" />
      <path d="M4 27c0-5.5 4.5-9 10-9s10 3.5 10 9" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="25" cy="9" r="4" fill="#7dff9a" stroke="#fff" strokeWidth="2" />
    </svg>
  );
}
