/**
 * Size caps on what one audited site can make a collector hold. An audited site is hostile input:
 * a `for(;;) document.cookie = …` or a beacon loop must not run the collector out of memory, so
 * every per-site (per-phase) collection keeps at most these many entries and counts the rest, and a
 * capped record says so in the report (`truncated`, `dropped`). One source for the crawler and the
 * WebExtension (the extension's record has tighter caps of its own, `CAPS.extension`). Pure
 * constants, no Node or browser API.
 *
 * @example if (writes.length >= CAPS.scriptWrites) dropped.scriptWrites++;
 */
export const CAPS = {
  /** Requests of interest (trackers, analytics hits) kept per phase. */
  requests: 2000,
  /** Past `requests`, further requests to an endpoint (host + path) not seen yet are still kept, up to this many more. */
  requestEndpoints: 500,
  /** document.cookie writes kept per phase (the last write of a cookie already seen still replaces its entry). */
  scriptWrites: 2000,
  /** document.cookie writes one document reports before its hook only counts them. */
  scriptWritesPerDocument: 2000,
  /** Past `scriptWritesPerDocument`, writes to cookie names not seen yet in the document still reported. */
  newCookiesPerDocument: 500,
  /**
   * Characters of document.cookie writes (each counted 256 more) a document may have pending when the
   * crawler's hook reads the jar back to tell a stored write from a refused one; past it, it does not read.
   */
  readBackChars: 64 * 1024,
  /** Refused document.cookie writes (attempts) kept per phase. */
  cookieAttempts: 500,
  /** Set-Cookie lines kept per phase (header writes). */
  setCookieLines: 3000,
  /** Set-Cookie lines Chromium refused, kept per phase for the artefacts. */
  blockedCookies: 500,
  /** Requests whose redirect chain and headers are tracked at once (in flight); older ones are forgotten. */
  trackedRequests: 5000,
  /** Hops kept per redirect chain (Chromium itself stops at 20 redirects). */
  redirectHops: 25,
  /** Messages one document's consent-manager detector may send; past it the document is ignored. */
  autoconsentMessages: 500,
  /** Documents (frames) whose consent-manager state is tracked per phase. */
  autoconsentDocuments: 200,
  /** Characters of one cookie string recorded from a script write. */
  cookieChars: 8192,
  /** Bytes of a request body kept (text only). */
  postBytes: 8 * 1024,
  /** Characters of a recorded URL. */
  urlChars: 8192,
  /** Characters of a banner's text kept (the heuristic's reading of it). */
  bannerTextChars: 2000,
  /** Controls of a banner measured and kept (a banner of thousands of buttons is a page, not a choice). */
  bannerControls: 40,
  /**
   * The extension's own, tighter caps: its record of a tab lives as long as the tab, is copied at
   * every event and mirrored to storage.session (a quota of 10 MB for the whole extension in Chrome).
   */
  extension: {
    /** Requests of interest kept per phase. */
    requests: 300,
    /** Cookies kept per phase. */
    cookies: 500,
    /** Frames with a banner sighting kept per phase (a page making banner frames in a loop). */
    sightings: 50,
    /** Frames of a tab whose URL is remembered (a page making frames in a loop). */
    frames: 200,
    /** document.cookie writes the page-world hook keeps for the content script until it connects. */
    keptWrites: 300,
    /** The person's clicks the page-world hook keeps until the content script connects. */
    keptClicks: 20,
    /** document.cookie writes one frame's content script relays; past it, they are only counted. */
    relayedWrites: 1000,
    /** TC-string cookies kept per phase (a page may write euconsent-v2 on many paths: each is one). */
    consentCookies: 20,
  },
} as const;

/** What a capped collection left out, by collection name (only non-zero counts appear). */
export type Dropped = Partial<Record<'requests' | 'scriptWrites' | 'cookieAttempts' | 'setCookieLines' | 'blockedCookies' | 'autoconsentMessages', number>>;
