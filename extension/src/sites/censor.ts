/**
 * Censors a piece of someone else's DOM down to its bare structure, for adapter health reports (InboxSDK's idea:
 * when a page breaks, log what the page looks like, never what it says).
 *
 * What survives: tag names; `role` when it is an ARIA role; enumerated `aria-*` values (`true`, `2`, `polite`);
 * the NAMES of a few attributes that tell where data used to be (`email`, `href`, `title`, `aria-label`…), with
 * `href` reduced to its scheme; class names, ids and test-hook values (`data-testid`…) only when they are
 * tokens from our own selectors, else hashed; the names (never values) of other `data-*` attributes when they are
 * plain lowercase words (`data-persona-key`: app code, and the best clue when a site moves an address elsewhere).
 * What never survives: text (each run becomes `…`), comments, any other attribute value, any other attribute,
 * form values, frame and image sources.
 */

const ARIA_ROLES = new Set(
  ('alert alertdialog application article banner button cell checkbox columnheader combobox complementary ' +
    'contentinfo dialog document feed figure form grid gridcell group heading img link list listbox listitem ' +
    'log main menu menubar menuitem menuitemcheckbox menuitemradio navigation none note option presentation ' +
    'progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider ' +
    'spinbutton status switch tab table tablist tabpanel textbox timer toolbar tooltip tree treegrid treeitem').split(' '),
);
/** aria-* attributes whose values come from a fixed vocabulary (never from what somebody wrote). */
const ENUM_VALUE = /^(true|false|mixed|page|step|location|date|time|polite|assertive|off|menu|listbox|tree|grid|dialog|horizontal|vertical|\d{1,3})$/;
/** Present-or-not is useful, the value is not (it is a name, an address, a URL or free text). */
const NAME_ONLY = new Set(['email', 'title', 'aria-label', 'aria-labelledby', 'aria-describedby', 'alt', 'placeholder',
  'name', 'value', 'src', 'srcdoc', 'data-hovercard-id', 'data-message-id', 'data-thread-perm-id', 'contenteditable']);
/** The app's own code hooks: clear when they are one of our selector tokens, hashed otherwise. */
const HOOKS = new Set(['id', 'class', 'data-testid', 'data-test-id', 'data-test', 'data-selenium-test', 'data-id',
  'data-target-selection-name', 'data-app-section', 'field-label', 'slot']);
const INPUT_TYPES = new Set(['button', 'checkbox', 'email', 'hidden', 'number', 'password', 'radio', 'search', 'submit',
  'tel', 'text', 'url']);
const DATA_NAME = /^data-[a-z]{1,20}(-[a-z]{1,20}){0,3}$/;
/** Shown as a tag, never entered. */
const OPAQUE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'IFRAME', 'CANVAS', 'VIDEO', 'OBJECT']);

export interface CensorOptions {
  /** Class names, ids and attribute values from the adapter's own selectors: safe to print as they are. */
  knownTokens?: ReadonlySet<string>;
  maxDepth?: number;
  maxNodes?: number;
  maxChildren?: number;
  maxLength?: number;
}

/** FNV-1a, base 36: the same class name always hashes the same, so a diff between two reports still reads. */
export function hashToken(token: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return `#${(h >>> 0).toString(36).padStart(7, '0').slice(-6)}`;
}

/** Tokens in selectors: `.cls`, `#id`, and quoted or bare attribute values `[a="x"]`, `[a^=x]`. */
export function selectorTokens(selectors: Iterable<string>): Set<string> {
  const tokens = new Set<string>();
  for (const s of selectors) {
    for (const m of s.matchAll(/[.#]([A-Za-z_][\w-]*)/g)) if (m[1]) tokens.add(m[1]);
    for (const m of s.matchAll(/\[[\w-]+[~|^$*]?=\s*["']?([^"'\]]+)["']?\s*\]/g)) if (m[1]) tokens.add(m[1]);
  }
  return tokens;
}

function censorAttribute(attr: Attr, known: ReadonlySet<string>): string | null {
  const name = attr.name.toLowerCase();
  const value = attr.value.trim();
  if (name === 'role') return ARIA_ROLES.has(value) ? `role="${value}"` : 'role';
  if (name === 'href') {
    const scheme = /^([a-z][a-z0-9+.-]{0,15}):/i.exec(value)?.[1]?.toLowerCase();
    return scheme === 'mailto' || scheme === 'http' || scheme === 'https' || scheme === 'tel' ? `href="${scheme}:…"` : 'href';
  }
  if (name.startsWith('aria-') && !NAME_ONLY.has(name)) return ENUM_VALUE.test(value) ? `${name}="${value}"` : name;
  if (NAME_ONLY.has(name)) return name;
  if (name === 'type') return INPUT_TYPES.has(value) ? `type="${value}"` : 'type';
  if (HOOKS.has(name)) {
    const parts = value.split(/\s+/).filter(Boolean).slice(0, 8);
    if (parts.length === 0) return name;
    return `${name}="${parts.map((p) => (known.has(p) ? p : hashToken(p))).join(' ')}"`;
  }
  return DATA_NAME.test(name) ? name : null;
}

/** The censored structure of `root` and its descendants, one element per line, indented by depth. */
export function censorStructure(root: Element, options: CensorOptions = {}): string {
  const known = options.knownTokens ?? new Set<string>();
  const maxDepth = options.maxDepth ?? 8;
  const maxChildren = options.maxChildren ?? 25;
  const maxLength = options.maxLength ?? 16_000;
  let budget = options.maxNodes ?? 300;
  const lines: string[] = [];

  const visit = (el: Element, depth: number) => {
    budget--;
    const pad = '  '.repeat(depth);
    const attrs = [...el.attributes].map((a) => censorAttribute(a, known)).filter((a): a is string => a !== null);
    const tag = el.tagName.toLowerCase();
    const open = `${pad}<${tag}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`;
    if (OPAQUE.has(el.tagName)) return void lines.push(open);
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
    const children = [...el.children];
    const shadow = el.shadowRoot ? [...el.shadowRoot.children] : [];
    if (children.length === 0 && shadow.length === 0) return void lines.push(hasText ? `${open}…` : open);
    lines.push(hasText ? `${open} …` : open);
    if (depth + 1 > maxDepth) return void lines.push(`${pad}  (${children.length + shadow.length} children below the depth limit)`);
    if (shadow.length) lines.push(`${pad}  #shadow-root`);
    const all = [...shadow, ...children];
    let shown = 0;
    for (const child of all) {
      if (shown >= maxChildren || budget <= 0) {
        lines.push(`${pad}  (+${all.length - shown} more elements)`);
        break;
      }
      if (child.hasAttribute('data-earshot-root')) continue;
      visit(child, depth + 1);
      shown++;
    }
  };

  visit(root, 0);
  const out = lines.join('\n');
  return out.length > maxLength ? `${out.slice(0, maxLength - 20)}\n(cut at ${maxLength})` : out;
}
