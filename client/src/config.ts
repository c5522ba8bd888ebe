// Where the server is and which pad to open, from the page's address. The server serves
// this client itself, so the API defaults to the app's own root (same origin); `?server=`
// points a separately served client (vite dev/preview) at another server.

const padIdPattern = /^(2\d{3})-(0[1-9]|1[0-2])$/;

export const isPadId = (id: string | null | undefined): id is string => !!id && padIdPattern.test(id);

/** The server's root URL, ending with '/'. */
export function serverBase(location: URL, documentBase: string): string {
  const override = location.searchParams.get('server');
  const base = override ? new URL(override, location) : new URL('./', documentBase);
  return base.toString().endsWith('/') ? base.toString() : `${base.toString()}/`;
}

/** The pad from `?pad=2026-11` or a deep link `/pads/2026-11`; null shows the pad picker. */
export function padIdFromLocation(location: URL): string | null {
  const query = location.searchParams.get('pad');
  if (isPadId(query)) return query;
  const match = /\/pads\/([^/]+)\/?$/.exec(location.pathname);
  return match && isPadId(match[1]) ? match[1] : null;
}

/** YYYY-MM of a date in UTC, `offset` months later (the server creates the current or next month). */
export function monthId(now: Date, offset = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11" → "November 2026". */
export const padTitle = (id: string): string => `${monthNames[Number(id.slice(5)) - 1] ?? '?'} ${id.slice(0, 4)}`;

/** A link to a pad that keeps the `?server=` override. */
export function padLink(location: URL, padId: string): string {
  const url = new URL(location.toString());
  url.searchParams.set('pad', padId);
  if (/\/pads\/[^/]+\/?$/.test(url.pathname)) url.pathname = url.pathname.replace(/pads\/[^/]+\/?$/, '');
  return url.toString();
}

/** Settings kept in this browser. */
export interface Settings {
  name: string | null;
  token: string | null;
  colorHue: number;
}

// The token is stored per server: a link with `?server=` pointing elsewhere must never
// make this browser send a maintainer's token to that other server.
const tokenKey = (server: string): string => `draftpad.token:${server}`;
const keys = { name: 'draftpad.name', hue: 'draftpad.hue' } as const;

export function loadSettings(storage: Storage, server: string, random: () => number = Math.random): Settings {
  let hue = Number(storage.getItem(keys.hue));
  if (!storage.getItem(keys.hue) || !Number.isFinite(hue)) {
    hue = Math.floor(random() * 360);
    storage.setItem(keys.hue, String(hue));
  }
  return { name: storage.getItem(keys.name), token: storage.getItem(tokenKey(server)), colorHue: hue };
}

export function saveName(storage: Storage, name: string): void {
  storage.setItem(keys.name, name);
}

export function saveToken(storage: Storage, server: string, token: string | null): void {
  if (token) storage.setItem(tokenKey(server), token);
  else storage.removeItem(tokenKey(server));
}

/** The cursor colours y-codemirror.next shows: a solid one and a light one for selections. */
export function userColors(hue: number): { color: string; colorLight: string } {
  return { color: `hsl(${hue} 70% 40%)`, colorLight: `hsl(${hue} 70% 40% / 0.25)` };
}
