"""Text machinery every extractor shares: normalisation with an offset map, sentences and tokens
(`normalize`), clitic-aware multi-pattern matching (`matcher`) and span helpers (`spans`)."""
