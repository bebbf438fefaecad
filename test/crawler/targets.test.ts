/** Targets as typed by the user: domains, URLs and list files. */
import { expect } from 'chai';
import { parseTarget, parseTargetList } from '../../crawler/targets.ts';

describe('parseTarget', () => {
  it('tries a bare domain over https, then http', () => {
    expect(parseTarget(' lyon.cesi.fr ')).to.deep.equal({
      target: 'lyon.cesi.fr', url: 'https://lyon.cesi.fr/', candidates: ['https://lyon.cesi.fr/', 'http://lyon.cesi.fr/'],
    });
    expect(parseTarget('localhost:8080/x')).to.deep.include({ candidates: ['https://localhost:8080/x', 'http://localhost:8080/x'] });
  });

  it('keeps an explicit scheme as the only candidate', () => {
    expect(parseTarget('http://a.test:8080/p?q=1')).to.deep.include({ url: 'http://a.test:8080/p?q=1', candidates: ['http://a.test:8080/p?q=1'] });
    expect(parseTarget('HTTPS://WWW.Example.FR')).to.deep.include({ candidates: ['https://www.example.fr/'] });
  });

  it('refuses other schemes, credentials and malformed hosts with the reason', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://a.fr/', 'https://user:pw@a.fr/', 'exa mple.fr', 'http://', '-a.fr', '']) {
      const r = parseTarget(bad);
      expect(r, bad).to.have.property('error').that.matches(/^Expected an http\(s\) URL or a domain name, got `/);
    }
  });
});

describe('parseTargetList', () => {
  it('reads one target a line, skipping comments and blank lines', () => {
    const text = '# CESI campus\nlyon.cesi.fr\n\n  nice.cesi.fr   # south\r\nhttps://www.cesi.fr/#top\n   \n';
    expect(parseTargetList(text)).to.deep.equal(['lyon.cesi.fr', 'nice.cesi.fr', 'https://www.cesi.fr/#top']);
  });
});
