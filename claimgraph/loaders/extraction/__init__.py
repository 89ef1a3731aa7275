"""Extraction: article text in, statements in the contract shape (relations.md) out."""

from claimgraph.loaders.extraction.extractor import Extractor, RuleExtractor

__all__ = ["Extractor", "RuleExtractor"]
