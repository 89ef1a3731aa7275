"""Loaders: turn statements files, GDELT event files and (later) article text into statement records."""
