/**
 * Chromium's sandbox: on by default, off only where it cannot run (root, user namespaces disabled or
 * restricted by AppArmor) or with `--no-sandbox`. This machine runs the tests as root, so the
 * decision is unit-tested on described hosts.
 */
import { expect } from 'chai';
import { BASE_ARGS, launchArgs } from '../../crawler/browser.ts';
import { sandboxDecision, sandboxNotice, type SandboxHost } from '../../crawler/sandbox.ts';

const USER: SandboxHost = { uid: 1000, unprivilegedUsernsClone: null, maxUserNamespaces: '63429', apparmorRestrictUserns: null };

describe('Chromium sandbox', () => {
  it('is on for an ordinary user on a kernel with user namespaces', () => {
    expect(sandboxDecision(USER, { noSandbox: false })).to.deep.include({ sandbox: true });
    expect(sandboxDecision({ ...USER, unprivilegedUsernsClone: '1', apparmorRestrictUserns: '0' }, { noSandbox: false }).sandbox).to.equal(true);
    expect(launchArgs([], USER)).not.to.include('--no-sandbox');
    expect(BASE_ARGS).not.to.include('--no-sandbox');
  });

  it('is off as root, without user namespaces, or where AppArmor restricts them, and says why once', () => {
    for (const [host, why] of [
      [{ ...USER, uid: 0 }, /root/],
      [{ ...USER, unprivilegedUsernsClone: '0' }, /unprivileged_userns_clone = 0/],
      [{ ...USER, maxUserNamespaces: '0' }, /max_user_namespaces = 0/],
      [{ ...USER, apparmorRestrictUserns: '1' }, /apparmor_restrict_unprivileged_userns/],
    ] as Array<[SandboxHost, RegExp]>) {
      const d = sandboxDecision(host, { noSandbox: false });
      expect(d.sandbox, why.source).to.equal(false);
      expect(sandboxNotice(d)).to.match(why).and.to.match(/--no-sandbox/);
      expect(launchArgs(['--proxy-server=x'], host).filter((a) => a === '--no-sandbox')).to.have.length(1);
    }
  });

  it('is off without a notice when --no-sandbox is given, and the switch is passed once', () => {
    const d = sandboxDecision(USER, { noSandbox: true });
    expect(d).to.deep.include({ sandbox: false, explicit: true });
    expect(sandboxNotice(d)).to.equal(null);
    expect(launchArgs(['--no-sandbox'], { ...USER, uid: 0 }).filter((a) => a === '--no-sandbox')).to.have.length(1);
  });
});
