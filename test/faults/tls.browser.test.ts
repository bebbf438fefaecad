/**
 * An untrusted certificate is reported as `tls` (the crawl runs without --ignore-certificate-errors
 * here, as on the real web), and `--ignore-https-errors` audits the site anyway.
 */
import { expect } from 'chai';
import { FAST, readReport, crawlInProcess, websOfSuite, outDir } from './harness.ts';

describe('certificate errors (real CLI)', function () {
  this.timeout(120_000);
  const webs = websOfSuite();

  const crawlSelfSigned = async (extra: string[]) => {
    const out = outDir('tls');
    const target = webs.faults.target('certificat.faults.test');
    const run = crawlInProcess([target, '--out', out, ...FAST, ...webs.args({ ignoreCertificates: false }), ...extra]);
    expect(await run.done, run.stderr()).to.equal(0);
    return readReport(out).sites.find((s) => s.url === target)!;
  };

  it('reports a self-signed certificate as a `tls` error', async () => {
    const site = await crawlSelfSigned([]);
    expect(site.status).to.equal('error');
    expect(site.error?.code).to.equal('tls');
    expect(site.error?.message).to.match(/ERR_CERT_/);
  });

  it('audits it anyway with --ignore-https-errors', async () => {
    const site = await crawlSelfSigned(['--ignore-https-errors']);
    expect(site.status, site.error?.message).to.equal('ok');
    expect(site.httpStatus).to.equal(200);
    expect(site.cookies.map((c) => c.name)).to.include('PHPSESSID');
  });
});
