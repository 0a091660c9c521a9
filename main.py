"""Start STLS Desk from a source checkout: `python main.py --demo`."""

from __future__ import annotations

import sys

from stls_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
