/**
 * Small DOM helpers of the pages: elements are built with textContent only (no innerHTML), so a
 * name or a reason from the export can never inject markup.
 */
import type { Cell } from './fields.js';
import { DASH } from './format.js';

type Child = Node | string | null | undefined | false;

/** An element with a class, attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === '') continue;
    if (k === 'cls') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

/** Replaces an element's children, skipping null and false. */
export function fill(node: HTMLElement, ...children: Child[]): void {
  node.replaceChildren(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
}

/** The content of a cell: its text (a link when it has `href`) and badges. */
export function cellContent(c: Cell): Node[] {
  const main: Node = c.href ? el('a', { href: c.href }, c.text) : document.createTextNode(c.text);
  return [main, ...(c.badges ?? []).map((b) => el('span', { cls: b.cls, title: b.title }, b.text))];
}

/** A table cell. */
export function td(c: Cell): HTMLTableCellElement {
  return el('td', { cls: c.cls, title: c.title }, ...cellContent(c));
}

/** A two-column list of label and cell (the card's facts). */
export function facts(rows: ReadonlyArray<[string, Cell]>): HTMLDListElement {
  const dl = el('dl', { cls: 'facts' });
  for (const [label, c] of rows)
    dl.append(el('dt', {}, label), el('dd', { cls: c.cls, title: c.title }, ...cellContent(c)));
  return dl;
}

/**
 * A simple table: headers and rows of cells. Columns where every row shows "-" (a field the export
 * does not carry yet) are left out.
 */
export function table(
  headers: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  cls = 'data',
): HTMLElement {
  const keep = headers.map((_, i) => rows.length === 0 || rows.some((r) => r[i] && r[i].text !== DASH));
  const first = rows[0] ?? [];
  const head = el(
    'tr',
    {},
    ...headers.flatMap((h, i) =>
      keep[i]
        ? [el('th', { scope: 'col', cls: first[i]?.cls?.split(' ').includes('num') ? 'num' : undefined }, h)]
        : [],
    ),
  );
  const body = el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.filter((_, i) => keep[i]).map(td))));
  return el('div', { cls: 'table-wrap' }, el('table', { cls }, el('thead', {}, head), body));
}

/**
 * Fetches JSON beside the page. Resolves null on 404 (an object not exported); throws with the
 * status on any other failure.
 */
export async function fetchJson<T>(path: string): Promise<T | null> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** Replaces the page's main content with a message. */
export function showMessage(root: HTMLElement, text: string, cls = 'empty'): void {
  fill(root, el('p', { cls }, text));
}

/** Runs a page's entry, showing any error on the page instead of leaving it blank. */
export function start(root: HTMLElement | null, main: (root: HTMLElement) => Promise<void>): void {
  if (!root) return;
  main(root).catch((err: unknown) => {
    showMessage(
      root,
      `Could not load this page: ${err instanceof Error ? err.message : String(err)}`,
      'error',
    );
  });
}
