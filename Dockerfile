# The claimgraph API, for docker-compose.yml (which runs it against Neo4j).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY claimgraph ./claimgraph
COPY samples ./samples
RUN pip install --no-cache-dir . && useradd --system --home-dir /app claimgraph
USER claimgraph
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --retries=6 \
  CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status != 200)"
CMD ["claimgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
