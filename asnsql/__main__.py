"""`python -m asnsql` runs the command line."""

import sys

from asnsql.cli import main

sys.exit(main())
