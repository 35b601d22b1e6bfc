import sys

from parkie.cli import main

sys.exit(main())
