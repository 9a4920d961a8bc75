"""`python -m paiguard` runs the command line, exactly as the `paiguard` script does."""

from paiguard.cli import main

raise SystemExit(main())
