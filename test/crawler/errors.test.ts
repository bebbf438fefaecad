/** Browser failures become stable per-site error codes. */
import { expect } from 'chai';
import { classifyError, ERROR_CODES, httpsUnreachable, SiteError } from '../../crawler/errors.ts';

describe('classifyError', () => {
  it('maps Chromium network errors to stable codes', () => {
    const cases: Array<[string, string]> = [
      ['net::ERR_NAME_NOT_RESOLVED at https://nope.invalid/', 'dns'],
      ['net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/', 'connection-refused'],
      ['net::ERR_CERT_AUTHORITY_INVALID at https://self-signed.fr/', 'tls'],
      ['net::ERR_TOO_MANY_REDIRECTS at https://loop.fr/', 'redirect-loop'],
      ['net::ERR_EMPTY_RESPONSE at http://a.fr/', 'http'],
      ['net::ERR_CONNECTION_RESET at http://a.fr/', 'connection'],
      ['net::ERR_ABORTED at https://a.fr/file.zip', 'download'],
      ['net::ERR_SOMETHING_NEW at https://a.fr/', 'navigation'],
    ];
    for (const [message, code] of cases) expect(classifyError(new Error(message)).code, message).to.equal(code);
  });

  it('recognises timeouts, crashes and already-coded errors', () => {
    const timeout = new Error('Navigation timeout of 30000 ms exceeded');
    timeout.name = 'TimeoutError';
    expect(classifyError(timeout).code).to.equal('timeout');
    // What Puppeteer throws when the browser leaves a DevTools call unanswered (seen under a cookie flood on a loaded machine).
    expect(classifyError(new Error("Storage.getCookies timed out. Increase the 'protocolTimeout' setting in launch/connect calls for a higher timeout if needed.")).code).to.equal('timeout');
    expect(classifyError(new Error('Protocol error (Page.navigate): Target closed')).code).to.equal('crash');
    expect(classifyError(new SiteError('timeout', 'phase too long'))).to.deep.equal({ code: 'timeout', message: 'phase too long' });
    expect(classifyError('weird')).to.deep.equal({ code: 'internal', message: 'weird' });
  });

  it('only ever returns a listed code', () => {
    for (const m of ['x', 'net::ERR_X', 'Page crashed!']) expect(Object.keys(ERROR_CODES)).to.include(classifyError(new Error(m)).code);
  });

  it('falls back to http:// when https cannot connect, not when the certificate is bad', () => {
    expect(httpsUnreachable(new Error('net::ERR_CONNECTION_REFUSED at https://a.fr/'))).to.equal(true);
    expect(httpsUnreachable(new Error('net::ERR_SSL_PROTOCOL_ERROR at https://a.fr/'))).to.equal(true);
    expect(httpsUnreachable(new Error('net::ERR_CERT_DATE_INVALID at https://a.fr/'))).to.equal(false);
    expect(httpsUnreachable(new Error('net::ERR_NAME_NOT_RESOLVED at https://a.fr/'))).to.equal(false);
  });
});
