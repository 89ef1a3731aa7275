"""claimgraph: who said what about whom in the news, as a graph with evidence, over HTTP."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("claimgraph")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
