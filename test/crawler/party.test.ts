/** First or third party by registrable domain. */
import { expect } from 'chai';
import { partyOf } from '../../src/party.ts';

describe('partyOf', () => {
  it('counts the site and its subdomains as first party', () => {
    expect(partyOf('example.fr', 'https://www.example.fr/')).to.equal('first');
    expect(partyOf('.campus.example.fr', 'https://www.example.fr/x')).to.equal('first');
  });
  it('counts other registrable domains as third party, public suffix list included', () => {
    expect(partyOf('doubleclick.net', 'https://www.example.fr/')).to.equal('third');
    expect(partyOf('a.example.co.uk', 'https://b.other.co.uk/')).to.equal('third');
    expect(partyOf('alice.github.io', 'https://bob.github.io/')).to.equal('third');
  });
});
