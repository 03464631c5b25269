"""Run `streamlit` on the test run's clock: `python -m tests.clocked_streamlit run app.py ...`."""

from __future__ import annotations

import sys

from streamlit.web.cli import main

from tests.clock import start_test_clock

if __name__ == "__main__":
    start_test_clock()
    sys.exit(main())
