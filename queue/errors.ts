/**
 * The queue commands' errors, each with the exit status the CLI gives it (README's exit status:
 * 2 bad arguments or a run that does not match, 3 could not run at all).
 *
 * @example
 *   throw new QueueError('Run `eu-06` was added with another configuration.', 2);
 */
export class QueueError extends Error {
  constructor(message: string, readonly exitCode: 2 | 3 = 2) {
    super(message);
    this.name = 'QueueError';
  }
}

/**
 * Error codes the queue adds to crawler/errors.ts's ERROR_CODES (to be merged there, and listed in
 * the README's table with the others).
 */
export const QUEUE_ERROR_CODES = {
  'worker-lost': 'Every worker that took the site stopped answering (process killed, machine lost) before finishing it, as many times as the run allows; the site was not audited.',
} as const;
