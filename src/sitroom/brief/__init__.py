"""Brief: the key points of a day, ranked, one per incident, each citing the entries it rests on."""

from .make import make_brief

__all__ = ["make_brief"]
