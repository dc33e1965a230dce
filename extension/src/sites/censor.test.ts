import { describe, expect, it } from 'vitest';
import { censorStructure, hashToken, selectorTokens } from './censor.js';

const parse = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body;

describe('censorStructure', () => {
  it('keeps tags and structure, drops all text', () => {
    const out = censorStructure(parse('<div><h2>Overdue at Acme Tools</h2><p>Call <b>Ann</b> today</p></div>'));
    expect(out).toBe(['<body>', '  <div>', '    <h2>…', '    <p> …', '      <b>…'].join('\n'));
  });

  it('never prints an address, a name or a URL from any attribute', () => {
    const out = censorStructure(
      parse(
        '<span email="ann@acme.example" name="Ann Buyer" title="Ann <ann@acme.example>" data-hovercard-id="ann@acme.example" ' +
          'aria-label="From: Ann Buyer" onclick="steal()" style="color:red" data-name="Ann"><a href="mailto:ann@acme.example?subject=Acme">x</a>' +
          '<a href="https://acme.example/secret">y</a><img src="https://acme.example/p.png" alt="Ann"><input value="Acme" placeholder="Ann"></span>',
      ),
    );
    for (const leak of ['@', 'acme', 'Ann', 'steal', 'red', 'secret', 'subject']) expect(out).not.toContain(leak);
    expect(out).toContain('<span email name title data-hovercard-id aria-label data-name>');
    expect(out).toContain('<a href="mailto:…">');
    expect(out).toContain('<a href="https:…">');
    expect(out).toContain('<img src alt>');
  });

  it('keeps ARIA roles and enumerated aria values, not free-text ones', () => {
    const out = censorStructure(parse('<div role="listitem" aria-expanded="true" aria-level="2" aria-label="Acme" aria-describedby="x1" aria-current="Acme"></div>'));
    expect(out).toContain('<div role="listitem" aria-expanded="true" aria-level="2" aria-label aria-describedby aria-current>');
    expect(censorStructure(parse('<div role="Acme Tools"></div>'))).toContain('<div role>');
  });

  it('prints known selector tokens in clear and hashes everything else, stably', () => {
    const known = new Set(['gD', 'highlightTitle']);
    const out = censorStructure(parse('<span class="gD acme-tools" id="acme" data-selenium-test="highlightTitle"></span>'), { knownTokens: known });
    expect(out).toContain(`class="gD ${hashToken('acme-tools')}" id="${hashToken('acme')}" data-selenium-test="highlightTitle"`);
    expect(hashToken('acme-tools')).toBe(hashToken('acme-tools'));
    expect(hashToken('acme-tools')).not.toBe(hashToken('acme-toolz'));
    expect(hashToken('x')).toMatch(/^#[0-9a-z]{6}$/);
  });

  it('shows data-* names made of words, drops other attributes', () => {
    const out = censorStructure(parse('<b data-persona-key="pk_1" data-x1="a" data-Acme_Ltd="b" foo="c" type="email"></b>'));
    expect(out).toContain('<b data-persona-key type="email">');
  });

  it('does not enter scripts, styles, templates, frames or svg, and skips Earshot nodes', () => {
    const out = censorStructure(
      parse('<script>var who="ann@acme.example"</script><style>.acme{}</style><iframe srcdoc="<p>Ann</p>"></iframe><svg><text>Acme</text></svg><div data-earshot-root><i></i></div>'),
    );
    expect(out).toBe(['<body>', '  <script>', '  <style>', '  <iframe srcdoc>', '  <svg>'].join('\n'));
  });

  it('bounds depth, width, node count and length', () => {
    const deep = parse(`${'<div>'.repeat(20)}${'</div>'.repeat(20)}`);
    expect(censorStructure(deep, { maxDepth: 3 })).toContain('children below the depth limit');
    const wide = parse('<ul>' + '<li></li>'.repeat(100) + '</ul>');
    expect(censorStructure(wide, { maxChildren: 10 })).toContain('(+90 more elements)');
    const many = censorStructure(wide, { maxNodes: 20 });
    expect(many.split('\n').filter((l) => l.includes('<li>')).length).toBeLessThanOrEqual(20);
    expect(censorStructure(wide, { maxLength: 100 }).length).toBeLessThanOrEqual(100);
  });

  it('walks open shadow roots', () => {
    const body = parse('<x-card></x-card>');
    body.firstElementChild!.attachShadow({ mode: 'open' }).innerHTML = '<section>Acme</section>';
    expect(censorStructure(body)).toBe(['<body>', '  <x-card>', '    #shadow-root', '    <section>…'].join('\n'));
  });
});

describe('selectorTokens', () => {
  it('collects classes, ids and attribute values from selectors', () => {
    const tokens = selectorTokens(['div.adn span[email]', '#ReadingPaneContainerId', '[data-selenium-test="highlightTitle"]', "a[href^='mailto:']"]);
    expect([...tokens].sort()).toEqual(['ReadingPaneContainerId', 'adn', 'highlightTitle', 'mailto:'].sort());
  });
});
