"""sitroom: read live coverage of a war into a situation picture a person can trust."""

__version__ = "0.1.0"
