// Copies text to the clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ; <base64> BEL`), which xterm, iTerm2,
// kitty, WezTerm, Windows Terminal and tmux (`set-clipboard on`) honour, over SSH too. This is the only place the
// cockpit writes the clipboard: every outside string is stripped of OSC sequences before display (sanitize.ts).

/** The largest text sent (UTF-8 bytes): terminals cap the sequence (tmux and xterm at about 100 kB of base64). */
export const OSC52_MAX_BYTES = 64 * 1024;

/** The OSC 52 sequence that sets the clipboard (`c`) to `text`; undefined when `text` is too large to send. */
export function osc52(text: string): string | undefined {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > OSC52_MAX_BYTES) return undefined;
  return `\u001b]52;c;${bytes.toString('base64')}\u0007`;
}

/** Whether `data` is a terminal mode switch Ink writes outside its frames (bracketed paste on/off). */
export function isModeSwitch(data: string): boolean {
  return data === '\u001b[?2004h' || data === '\u001b[?2004l';
}
