import sys

from ecabinet.cli import main

sys.exit(main())
