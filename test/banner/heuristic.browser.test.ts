/**
 * The in-page heuristic on its own, as the extension's content script uses it: what counts as a
 * banner, which element is reported, and how a visitor's click is classified.
 */
import { expect } from 'chai';
import type { Page } from 'puppeteer-core';
import wording from '../../knowledge/banner-wording.json' with { type: 'json' };
import { heuristicSource } from '../../crawler/banner/bundle.ts';
import type { HeuristicBanner } from '../../banner/heuristic.ts';
import { launch, serve, type Web } from './harness.ts';

describe('banner heuristic in the page (real Chromium)', function () {
  this.timeout(60_000);
  let web: Web;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;

  before(async () => {
    web = await serve({});
    browser = await launch(web.port);
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  /** Loads `html`, then runs `expr` with the heuristic as `H` and the wording as `W`. */
  async function run<T>(html: string, expr: string): Promise<T> {
    await page.setContent(html);
    return page.evaluate(`(() => { ${heuristicSource()}; const H = __cookieAuditBannerHeuristic; const W = ${JSON.stringify(wording)}; return ${expr}; })()`) as Promise<T>;
  }

  const banner = (style: string, inner = 'Nous utilisons des cookies. <button>Tout accepter</button> <button>Tout refuser</button>') =>
    `<div id="b" style="position:fixed;bottom:0;left:0;right:0;${style}">${inner}</div>`;

  it('ignores banners hidden by display, visibility, opacity or placement off screen', async () => {
    for (const style of ['display:none', 'visibility:hidden', 'opacity:0', 'transform:translateY(200%)']) {
      const b = await run<HeuristicBanner>(banner(style), 'H.detectBanner(document, W)');
      expect(b.found, style).to.equal(false);
    }
    expect((await run<HeuristicBanner>(banner(''), 'H.detectBanner(document, W)')).found).to.equal(true);
  });

  it('reports the dialog itself, not the full-screen overlay around it', async () => {
    const html = `<div id="overlay" style="position:fixed;inset:0;background:rgba(0,0,0,.5)">
      <div id="dlg" role="dialog" style="margin:100px auto;width:300px;background:#fff">We use cookies. <button>Accept all</button> <button>Reject all</button></div></div>`;
    const res = await run<{ b: HeuristicBanner; id: string | null }>(html, '(() => { const b = H.detectBanner(document, W); return { b, id: H.resolveSelector(document, b.selector)?.id ?? null }; })()');
    expect(res.id).to.equal('dlg');
    expect(res.b.kind).to.equal('dialog');
  });

  it('gives a selector that reaches into nested open shadow roots', async () => {
    const html = `<div id="outer"></div><script>
      const a = document.getElementById('outer').attachShadow({ mode: 'open' });
      a.innerHTML = '<section><inner-host></inner-host></section>';
      const b = a.querySelector('inner-host').attachShadow({ mode: 'open' });
      b.innerHTML = '<p>x</p><div class="c" style="position:fixed;top:0">Wir verwenden Cookies. <button>Alle akzeptieren</button> <button>Alle ablehnen</button></div>';
    </script>`;
    const res = await run<{ b: HeuristicBanner; cls: string | null }>(html, '(() => { const b = H.detectBanner(document, W); return { b, cls: H.resolveSelector(document, b.selector)?.className ?? null }; })()');
    expect(res.b).to.include({ found: true, inShadowRoot: true, acceptFound: true, rejectOnFirstLayer: true });
    expect(res.b.selector).to.contain(' >>> ');
    expect(res.cls).to.equal('c');
  });

  it('does not take a page laid out in a fixed wrapper for a banner', async () => {
    const article = '<p>' + 'Un long article sur la mairie et ses services. '.repeat(200) + '</p>';
    const html = `<div style="position:fixed;inset:0;overflow:auto">${article}<footer>Cookies : <button>OK</button></footer></div>`;
    expect((await run<HeuristicBanner>(html, 'H.detectBanner(document, W)')).found).to.equal(false);
  });

  it('finds a consent notice laid out in the page\'s flow, below the first screen, and its clicks', async () => {
    const article = '<p>' + 'Un long article sur la mairie et ses services. '.repeat(400) + '</p>';
    const html = `${article}<div id="notice"><p>Nous utilisons des cookies de mesure d'audience, avec votre accord.</p>
      <button id="oui">Tout accepter</button> <button id="non">Je refuse</button></div>`;
    const res = await run<{ b: HeuristicBanner; id: string | null; below: boolean; click: string | null }>(html, `(() => {
      const b = H.detectBanner(document, W);
      return { b, id: H.resolveSelector(document, b.selector)?.id ?? null, below: document.getElementById('notice').getBoundingClientRect().top > innerHeight,
        click: H.classifyClick(document.getElementById('non'), W) };
    })()`);
    expect(res.below, 'the notice is below the first screen').to.equal(true);
    expect(res.b).to.include({ found: true, kind: 'inline', acceptFound: true, rejectOnFirstLayer: true, blocksPage: false });
    expect(res.id).to.equal('notice');
    expect(res.b.controls.map((c) => c.kind)).to.deep.equal(['accept', 'reject']);
    expect(res.click).to.equal('reject');
  });

  it('does not take page content with a lone consent button, or a long cookie policy, for an in-flow notice', async () => {
    const policy = '<section><h2>Politique de cookies</h2><p>' + 'Nous utilisons des cookies pour mesurer l\'audience. '.repeat(60) + '</p><button>Tout accepter</button> <button>Tout refuser</button></section>';
    const lone = '<aside><p>Recevez notre lettre sur les cookies de la boulangerie.</p><button>J\'accepte</button></aside>';
    for (const html of [policy, lone]) expect((await run<HeuristicBanner>(html, 'H.detectBanner(document, W)')).found, html.slice(0, 40)).to.equal(false);
  });

  it('reads the page text a web component slots into the banner of its shadow root', async () => {
    const html = `<consent-note>Nous utilisons des cookies de mesure d'audience.</consent-note><script>
      customElements.define('consent-note', class extends HTMLElement {
        connectedCallback() {
          this.attachShadow({ mode: 'open' }).innerHTML = '<div role="dialog" style="position:fixed;bottom:0;left:0;right:0;background:#fff"><p><slot></slot></p>'
            + '<button>Tout refuser</button><button>Tout accepter</button></div>';
        }
      });
    </script>`;
    const b = await run<HeuristicBanner>(html, 'H.detectBanner(document, W)');
    expect(b).to.include({ found: true, inShadowRoot: true, rejectOnFirstLayer: true });
    expect(b.text).to.equal('Nous utilisons des cookies de mesure d\'audience. Tout refuser Tout accepter');
  });

  it('classifies a visitor\'s click on a banner control, and only inside a banner', async () => {
    const html = `${banner('', 'Nous utilisons des cookies. <button id="y"><span id="ys">Tout accepter</span></button> <a href="#" id="n">Continuer sans accepter</a>')}
      <main><button id="outside">Accepter</button></main>`;
    const kinds = await run<Record<string, string | null>>(html, `({
      inner: H.classifyClick(document.getElementById('ys'), W),
      reject: H.classifyClick(document.getElementById('n'), W),
      outside: H.classifyClick(document.getElementById('outside'), W),
      text: H.classifyClick(document.getElementById('b'), W),
    })`);
    expect(kinds).to.deep.equal({ inner: 'accept', reject: 'reject', outside: null, text: null });
  });
});
