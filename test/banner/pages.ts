/**
 * The small pages the banner tests serve: a hand-written French banner, one in a shadow root, one
 * in a cross-site iframe, a page without banner, and real consent managers from node_modules.
 */

/** A fixed French banner whose buttons store the choice in a `consent` cookie and remove the banner. */
export const FRENCH_BANNER = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title></head><body>
<h1>Bienvenue</h1><p>Le site de la mairie.</p>
<div id="bandeau" style="position:fixed;bottom:0;left:0;right:0;padding:16px;background:#fff;border-top:2px solid #333">
  <p>Nous utilisons des cookies pour mesurer l’audience de ce site. Vous pouvez accepter ou refuser.</p>
  <button id="ok">Tout accepter</button>
  <a href="#" id="non">Continuer sans accepter</a>
  <button id="perso">Personnaliser</button>
</div>
<script>
  const choose = (v) => { document.cookie = 'consent=' + v + '; path=/; max-age=15552000'; document.getElementById('bandeau').remove(); };
  document.getElementById('ok').addEventListener('click', () => choose('all'));
  document.getElementById('non').addEventListener('click', (e) => { e.preventDefault(); choose('none'); });
</script></body></html>`;

/** An English banner drawn inside an open shadow root by a custom element. */
export const SHADOW_BANNER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body>
<h1>Shop</h1><consent-box></consent-box>
<script>
  customElements.define('consent-box', class extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({ mode: 'open' });
      root.innerHTML = '<div class="box" role="dialog" aria-label="Cookies" style="position:fixed;bottom:10px;right:10px;width:320px;padding:12px;background:#eee">'
        + '<p>We use cookies to personalise content and ads.</p>'
        + '<button class="yes">Accept all</button> <button class="no">Reject all</button></div>';
      const done = (v) => { document.cookie = 'consent=' + v + '; path=/'; root.querySelector('.box').style.display = 'none'; };
      root.querySelector('.yes').addEventListener('click', () => done('all'));
      root.querySelector('.no').addEventListener('click', () => done('none'));
    }
  });
</script></body></html>`;

/** The top page of the cross-site iframe case; the banner lives at `bannerUrl`. */
export const iframeHost = (bannerUrl: string): string => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Journal</title></head><body>
<h1>Journal</h1><p>Un article.</p>
<iframe id="cmp" src="${bannerUrl}" style="position:fixed;bottom:0;left:0;width:100%;height:180px;border:0"></iframe>
</body></html>`;

/** The banner page loaded inside the iframe, from another site. */
export const IFRAME_BANNER = `<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body style="margin:0">
<div id="cmp-banner" role="dialog" style="position:fixed;inset:0;background:#ffd;padding:8px">
  <p>Avec votre consentement, nos partenaires et nous utilisons des traceurs.</p>
  <button id="a">Accepter</button> <button id="r">Refuser</button>
</div>
<script>
  for (const id of ['a', 'r']) document.getElementById(id).addEventListener('click', () => {
    document.getElementById('cmp-banner').remove();
    parent.postMessage('consent:' + id, '*');
  });
</script></body></html>`;

/** No banner: cookies are only mentioned in the page's own text and a non-fixed footer link. */
export const NO_BANNER = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Blog</title></head><body>
<h1>Les cookies, comment ça marche ?</h1>
<p>Nous utilisons des cookies dans cet article pour expliquer le consentement : un site doit proposer « Tout accepter » et « Tout refuser ».</p>
<p><button>Accepter</button> est le nom d’un bouton dans cet exemple.</p>
<footer><a href="/cookies">Politique de cookies</a></footer>
<nav style="position:sticky;top:0;background:#fff"><a href="/">Accueil</a> <a href="/cookies">Gestion des cookies</a></nav>
</body></html>`;

/** vanilla-cookieconsent v3 (orestbida) in French, as served from node_modules. */
export const VANILLA_COOKIECONSENT = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Université</title>
<link rel="stylesheet" href="/node_modules/vanilla-cookieconsent/dist/cookieconsent.css"></head><body>
<h1>Université</h1>
<script src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"></script>
<script>
  CookieConsent.run({
    categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
    language: { default: 'fr', translations: { fr: {
      consentModal: { title: 'Nous utilisons des cookies', description: 'Ce site utilise des cookies de mesure d’audience avec votre consentement.',
        acceptAllBtn: 'Tout accepter', acceptNecessaryBtn: 'Tout refuser', showPreferencesBtn: 'Personnaliser' },
      preferencesModal: { title: 'Préférences', acceptAllBtn: 'Tout accepter', acceptNecessaryBtn: 'Tout refuser', savePreferencesBtn: 'Enregistrer',
        sections: [{ title: 'Mesure d’audience', linkedCategory: 'analytics' }] },
    } } },
  });
</script></body></html>`;

/** Klaro in English with one optional service, as served from node_modules. */
export const KLARO = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Museum</title></head><body>
<h1>Museum</h1>
<script>
  window.klaroConfig = { elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro', mustConsent: false, acceptAll: true, hideDeclineAll: false, lang: 'en',
    services: [{ name: 'analytics', title: 'Audience measurement', purposes: ['analytics'] }] };
</script>
<script defer src="/node_modules/klaro/dist/klaro.js"></script>
</body></html>`;

/**
 * Two layers: the first offers only "J’ACCEPTE" and "Paramétrer"; refusing is in the settings panel,
 * hidden until opened. Labels carry odd case, curly apostrophes and extra spaces.
 */
export const TWO_LAYER = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boutique</title></head><body>
<h1>Boutique</h1>
<section id="consent" aria-modal="true" style="position:fixed;top:20%;left:20%;width:60%;background:#fff;border:1px solid #000;padding:10px">
  <p>Ce site utilise des cookies et autres traceurs.</p>
  <div id="layer1"><button id="yes">  J’ACCEPTE </button> <span role="button" id="more">Paramétrer</span></div>
  <div id="layer2" hidden><p>Choisissez vos finalités.</p><button id="no">Tout&nbsp;&nbsp;refuser</button> <button>Enregistrer</button></div>
</section>
<script>
  const end = (v) => { document.cookie = 'choice=' + v + '; path=/'; document.getElementById('consent').remove(); };
  document.getElementById('yes').addEventListener('click', () => end('yes'));
  document.getElementById('no').addEventListener('click', () => end('no'));
  document.getElementById('more').addEventListener('click', () => { document.getElementById('layer1').hidden = true; document.getElementById('layer2').hidden = false; });
</script></body></html>`;

/** A banner that shows up two seconds after load, as some consent managers do. */
export const LATE_BANNER = FRENCH_BANNER
  .replace('id="bandeau" style="', 'id="bandeau" hidden style="')
  .replace('<script>', `<script>setTimeout(() => { document.getElementById('bandeau').hidden = false; }, 2000);`);

/** tarteaucitron.js in French with one analytics service, as served from node_modules. */
export const TARTEAUCITRON = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Campus</title>
<script src="/node_modules/tarteaucitronjs/tarteaucitron.js"></script>
<script>
  tarteaucitron.init({ privacyUrl: '', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron', orientation: 'bottom',
    showAlertSmall: false, cookieslist: false, highPrivacy: true, handleBrowserDNTRequest: false, AcceptAllCta: true, DenyAllCta: true,
    removeCredit: true, moreInfoLink: false, useExternalCss: false, mandatory: true, showIcon: false });
  tarteaucitron.user.gtagUa = 'G-TEST';
  (tarteaucitron.job = tarteaucitron.job || []).push('gtag');
</script></head><body><h1>Campus</h1></body></html>`;
