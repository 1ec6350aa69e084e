// Reads the cockpit's screen as a person would: which panes are marked STALE right now.
import {PANE_TITLES} from '../../src/ui/components/pane-view.js';

export type PaneName = keyof typeof PANE_TITLES;

/** True when the health pane shows rows in the Unknown state (how a failing health endpoint shows). */
export function healthUnknown(screen: string): boolean {
  return /\? Unknown|\? Unknown/.test(screen) || screen.includes(' Unknown ');
}

/** Pane → stale?, for every pane title found on the screen (titles are pane rules: "N Title · … STALE 3s"). */
export function staleByPane(screen: string): Partial<Record<PaneName, boolean>> {
  const out: Partial<Record<PaneName, boolean>> = {};
  for (const line of screen.split('\n')) {
    for (const [pane, title] of Object.entries(PANE_TITLES) as [PaneName, string][]) {
      const at = line.indexOf(` ${title} · `);
      if (at < 0) continue;
      // In two-column layouts a line holds two titles: look only up to the next title.
      const rest = line.slice(at);
      const next = Object.values(PANE_TITLES)
        .map((t) => rest.indexOf(` ${t} · `, 1))
        .filter((i) => i > 0);
      const segment = next.length ? rest.slice(0, Math.min(...next)) : rest;
      out[pane] = /STALE|loading/.test(segment);
    }
  }
  return out;
}
