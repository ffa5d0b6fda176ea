"""python -m sitroom.cli"""

from . import run

run()
