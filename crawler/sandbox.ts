/**
 * Chromium's sandbox stays on, so a hostile page that exploits the renderer is still boxed in. It
 * is turned off only where Chromium cannot start sandboxed: as root (Chromium refuses), or where
 * unprivileged user namespaces — what its sandbox is built on — are unavailable (Debian's
 * `kernel.unprivileged_userns_clone = 0`, `user.max_user_namespaces = 0`, Ubuntu's
 * `kernel.apparmor_restrict_unprivileged_userns = 1`), or when the user says `--no-sandbox`.
 *
 * @example
 *   const d = sandboxDecision(probeSandboxHost(), { noSandbox: false });
 *   if (!d.sandbox) console.error(d.reason); // "running as root (uid 0)…"
 */
import { readFileSync } from 'node:fs';

export interface SandboxHost {
  /** process.getuid(), null where there is none (Windows). */
  uid: number | null;
  /** /proc/sys/kernel/unprivileged_userns_clone, trimmed; null when absent (the kernel allows them). */
  unprivilegedUsernsClone: string | null;
  /** /proc/sys/user/max_user_namespaces, trimmed; null when absent. */
  maxUserNamespaces: string | null;
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns, trimmed; null when absent. */
  apparmorRestrictUserns: string | null;
}

export interface SandboxDecision {
  sandbox: boolean;
  /** Why it is off, for the one line on stderr; null when on. */
  reason: string | null;
  /** True when the user asked for it (`--no-sandbox`): nothing to explain. */
  explicit: boolean;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** What this machine says about running Chromium sandboxed. */
export function probeSandboxHost(): SandboxHost {
  return {
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    unprivilegedUsernsClone: readProc('/proc/sys/kernel/unprivileged_userns_clone'),
    maxUserNamespaces: readProc('/proc/sys/user/max_user_namespaces'),
    apparmorRestrictUserns: readProc('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
  };
}

/** Whether to keep the sandbox; pure, so each case is tested without a root shell or a sysctl. */
export function sandboxDecision(host: SandboxHost, options: { noSandbox: boolean }): SandboxDecision {
  if (options.noSandbox) return { sandbox: false, reason: '--no-sandbox was given', explicit: true };
  const off = (reason: string): SandboxDecision => ({ sandbox: false, reason, explicit: false });
  if (host.uid === 0) return off('running as root (uid 0), where Chromium refuses its sandbox');
  if (host.unprivilegedUsernsClone === '0') return off('unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone = 0)');
  if (host.maxUserNamespaces === '0') return off('user namespaces are disabled (user.max_user_namespaces = 0)');
  if (host.apparmorRestrictUserns !== null && host.apparmorRestrictUserns !== '0') {
    return off('AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1)');
  }
  return { sandbox: true, reason: null, explicit: false };
}

/** The one line the CLI prints on stderr when the sandbox is off without `--no-sandbox`. */
export function sandboxNotice(d: SandboxDecision): string | null {
  if (d.sandbox || d.explicit) return null;
  return `cookie-audit: Chromium runs without its sandbox: ${d.reason}. Audited pages are then less contained; run as an ordinary user where user namespaces are allowed to keep it, or pass --no-sandbox to say so explicitly.`;
}

/** Chromium's switches for a decision: `--no-sandbox` when off, nothing when on. */
export function sandboxArgs(d: SandboxDecision): string[] {
  return d.sandbox ? [] : ['--no-sandbox'];
}
