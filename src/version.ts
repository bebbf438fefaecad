/** The tool's version, read from package.json at bundle time (so reports say which release judged them). */
import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
