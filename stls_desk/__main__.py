"""`python -m stls_desk` does what the `stls-desk` command does."""

from __future__ import annotations

import sys

from stls_desk.cli import main

sys.exit(main())
