import sys

from rubrics.check import main

sys.exit(main())
