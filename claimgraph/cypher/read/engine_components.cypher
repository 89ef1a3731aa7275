// The database server's name, versions and edition, for /health.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
