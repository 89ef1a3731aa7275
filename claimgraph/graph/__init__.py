"""The graph: schema, engine, and the reads and writes over it (the only home of Cypher)."""
