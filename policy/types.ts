/** The claim contract (src/claim-contract.ts) and the extractor's own input types. */
export * from '../src/claim-contract.ts';

/** A piece of text the prose extractor reads, with its heading. */
export interface Sentence {
  text: string;
  section: string;
}

export interface ExtractOptions {
  /** Keep the consent tools' declaration containers even when they look hidden (default false). */
  keepHidden?: boolean;
}
