/** Moved to src/ (the classifier needs it for the audience-measurement lifetime condition); kept for the rules' imports. */
export * from '../src/declared-expiry.ts';
