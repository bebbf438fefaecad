/** Job ids, shards and Redis addresses: pure functions, no Redis. */
import { expect } from 'chai';
import { jobIdFor, JOB_ID } from '../../queue/job-id.ts';
import { inShard, parseShard, shardOf } from '../../queue/shard.ts';
import { COMMAND_LINE_PASSWORD_WARNING, maskCredentials, parseRedisUrl, redactRedisUrl, resolveRedis } from '../../queue/redis-url.ts';
import { parseRunId } from '../../queue/keys.ts';
import { QueueError } from '../../queue/queue-error.ts';

const SITES = Array.from({ length: 300 }, (_, i) => `site-${i}.example.fr`);

describe('queue job ids', () => {
  it('gives one id to the spellings of one target (the crawler\'s targetKey)', () => {
    expect(jobIdFor('a.fr')).to.equal(jobIdFor('https://a.fr/'));
    expect(jobIdFor(' a.fr ')).to.equal(jobIdFor('https://A.FR'));
    expect(jobIdFor('a.fr')).to.not.equal(jobIdFor('http://a.fr/'));
    expect(jobIdFor('a.fr')).to.not.equal(jobIdFor('b.fr'));
  });

  it('is never an integer and never holds `:` (BullMQ refuses both)', () => {
    for (const t of [...SITES, 'file:///etc/passwd', 'not a target', '12345']) {
      const id = jobIdFor(t);
      expect(id).to.match(JOB_ID);
      expect(id).to.not.include(':');
      expect(`${parseInt(id, 10)}`).to.not.equal(id);
      expect(/^\d+$/.test(id)).to.equal(false);
    }
  });
});

describe('shards', () => {
  it('puts every target in exactly one of n shards, the same one whatever the list order', () => {
    const reversed = [...SITES].reverse();
    const shuffled = [...SITES].sort((a, b) => (jobIdFor(a) < jobIdFor(b) ? -1 : 1));
    for (const n of [1, 3, 8]) {
      const parts = Array.from({ length: n }, (_, k) => SITES.filter((t) => inShard(t, k + 1, n)));
      expect(parts.flat().sort()).to.deep.equal([...SITES].sort());
      for (let k = 1; k <= n; k++) {
        expect(reversed.filter((t) => inShard(t, k, n)).sort()).to.deep.equal([...parts[k - 1]!].sort());
        expect(shuffled.filter((t) => inShard(t, k, n)).sort()).to.deep.equal([...parts[k - 1]!].sort());
      }
      if (n === 3) for (const p of parts) expect(p.length).to.be.within(60, 140); // roughly even
    }
  });

  it('keeps the spellings of one target together', () => {
    for (let n = 2; n < 10; n++) expect(shardOf('a.fr', n)).to.equal(shardOf('https://a.fr/', n));
  });

  it('reads K/N and explains what is wrong', () => {
    expect(parseShard('3/8')).to.deep.equal({ index: 3, count: 8 });
    expect(parseShard(' 1/1 ')).to.deep.equal({ index: 1, count: 1 });
    expect(() => parseShard('0/8')).to.throw(QueueError, /from 1 to 8, got `0\/8`/);
    expect(() => parseShard('9/8')).to.throw(QueueError, /from 1 to 8/);
    expect(() => parseShard('1/0')).to.throw(QueueError, /at least 1/);
    for (const bad of ['3', '3/', 'a/b', '-1/3', '1.5/3', '']) expect(() => parseShard(bad), bad).to.throw(QueueError, /Expected `shard` to be K\/N/);
  });
});

describe('run names', () => {
  it('accepts names BullMQ can use and refuses `:`', () => {
    expect(parseRunId('eu-06')).to.equal('eu-06');
    for (const bad of ['a:b', '', '-x', 'a b', 'x'.repeat(65)]) expect(() => parseRunId(bad), bad).to.throw(QueueError);
  });
});

describe('Redis addresses', () => {
  it('parses redis:// and rediss:// into ioredis options', () => {
    expect(parseRedisUrl('redis://:s3cret@10.0.0.5:6380/2')).to.deep.equal({ host: '10.0.0.5', port: 6380, db: 2, password: 's3cret', maxRetriesPerRequest: null });
    expect(parseRedisUrl('redis://localhost')).to.deep.equal({ host: 'localhost', port: 6379, db: 0, maxRetriesPerRequest: null });
    expect(parseRedisUrl('rediss://audit:p%40ss@r.example:6379/0')).to.deep.include({ username: 'audit', password: 'p@ss', tls: { servername: 'r.example' } });
  });

  it('never shows the password', () => {
    expect(redactRedisUrl('redis://:s3cret@10.0.0.5:6379/0')).to.equal('redis://:***@10.0.0.5:6379/0');
    expect(redactRedisUrl('rediss://audit:s3cret@r.example')).to.equal('rediss://audit:***@r.example:6379/0');
    expect(redactRedisUrl('redis://10.0.0.5')).to.equal('redis://10.0.0.5:6379/0');
    expect(maskCredentials('see redis://u:s3cret@h/0 and redis://:s3cret@h')).to.equal('see redis://u:***@h/0 and redis://:***@h');
    for (const bad of ['redis://:s3cret@', 'http://:s3cret@h', 'redis://:s3cret@h/x', 'redis://:s3cret@h/0?a=1']) {
      expect(() => parseRedisUrl(bad), bad).to.throw(QueueError).with.property('message').that.does.not.include('s3cret');
      expect(redactRedisUrl(bad)).to.not.include('s3cret');
    }
  });

  it('prefers --redis to the environment and warns when the password came on the command line', () => {
    const env = { COOKIE_AUDIT_REDIS: 'redis://:fromenv@e:6379/0' };
    expect(resolveRedis({}, env)).to.deep.include({ display: 'redis://:***@e:6379/0', warning: null });
    expect(resolveRedis({ redis: 'redis://:s3cret@f:6379/1' }, env)).to.deep.include({ display: 'redis://:***@f:6379/1', warning: COMMAND_LINE_PASSWORD_WARNING });
    expect(resolveRedis({ redis: 'redis://f' }, env).warning).to.equal(null);
    expect(COMMAND_LINE_PASSWORD_WARNING).to.include('COOKIE_AUDIT_REDIS');
    expect(() => resolveRedis({}, {})).to.throw(QueueError, /--redis URL/);
  });
});
