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

