import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Avatar } from './Avatar.js';
import { ContactTile } from './ContactTile.js';

describe('ContactTile', () => {
  const tile = (tick: number) =>
    renderToStaticMarkup(
      <ContactTile
        testId="contact:Bob"
        name="Bob Marley"
        availability="busy"
        lines={['in a call', 'back at 3']}
        tick={tick}
      />,
    );

  it('draws the avatar with the status overlay, the name, the note and the availability bar', () => {
    const html = tile(0);
    expect(html).toContain('data-status="busy"');
    expect(html).toContain('<span class="status-overlay status-busy" title="Busy" data-status="busy"></span>');
    expect(html).toContain('<span class="tile-name">Bob Marley</span>');
    expect(html).toMatch(/class="tile-note"[^>]*>in a call</);
    expect(html).toContain('class="availability-bar status-busy"');
    expect(html).toContain('>BM</span>');
  });

  it('shows the next note at the next rotation step', () => {
    expect(tile(1)).toMatch(/class="tile-note"[^>]*>back at 3</);
    expect(tile(2)).toMatch(/class="tile-note"[^>]*>in a call</);
  });
});

describe('ContactTile of a request', () => {
  it('has no status overlay and no availability bar', () => {
    const html = renderToStaticMarkup(
      <ContactTile testId="request:sip:erin@x" name="erin@x" lines={['erin@x wants to see your presence']} tick={0} />,
    );
    expect(html).not.toContain('status-overlay');
    expect(html).not.toContain('availability-bar');
    expect(html).not.toContain('data-status');
    expect(html).toContain('erin@x wants to see your presence');
  });
});

describe('Avatar', () => {
  it('shows the icon when there is one, and no overlay without a status', () => {
    const html = renderToStaticMarkup(<Avatar name="Bob" icon="data:image/png;base64,AA==" />);
    expect(html).toBe(
      '<span class="avatar avatar-small"><img class="avatar-image" src="data:image/png;base64,AA==" alt=""/></span>',
    );
  });
});
