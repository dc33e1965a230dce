/**
 * Preact elements to HTML for a static page, without a renderer dependency: enough for hook-free function
 * components (the briefing folder is one, on purpose): elements, fragments, text, class and aria attributes.
 * The print check (briefing-print.e2e.test.ts) loads that page in Chromium; nothing here runs in the browser.
 */
interface VNodeLike {
  type: string | ((props: Record<string, unknown>) => unknown) | null;
  props: Record<string, unknown> & { children?: unknown };
}

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'col', 'wbr']);

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function isVNode(v: unknown): v is VNodeLike {
  return typeof v === 'object' && v !== null && 'type' in v && 'props' in v;
}

export function staticMarkup(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return escapeHtml(String(node));
  if (Array.isArray(node)) return node.map(staticMarkup).join('');
  if (!isVNode(node)) throw new Error(`Cannot render ${String(node)}`);
  const { type, props } = node;
  // A Fragment is a function that returns its children; a component is called with its props.
  if (typeof type === 'function') return staticMarkup(type(props));
  if (type === null) return staticMarkup(props.children);
  const attrs = Object.entries(props)
    .filter(([k, v]) => k !== 'children' && k !== 'key' && v !== undefined && v !== null && v !== false && typeof v !== 'function')
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k === 'className' ? 'class' : k}="${escapeHtml(String(v))}"`))
    .join('');
  return VOID.has(type) ? `<${type}${attrs}>` : `<${type}${attrs}>${staticMarkup(props.children)}</${type}>`;
}
