"""`jupyter console --kernel swift` runs a multi-line cell, typed as a person would (pexpect)."""
import os
import sys

import pexpect


def test_console_runs_a_multi_line_cell(kernelspec_dir):
    jupyter = os.path.join(os.path.dirname(sys.executable), "jupyter")
    console = pexpect.spawn(jupyter, ["console", "--kernel", "swift"], encoding="utf-8",
                            timeout=60, env=dict(os.environ, TERM="xterm"), dimensions=(40, 120))
    try:
        console.expect(r"In \[")
        # Enter after an incomplete line continues the cell (the console asks is_complete);
        # after the closing brace the cell is complete and runs.
        console.send("func greet(_ name: String) {\r")
        console.send('print("hello, \\(name)")\r')
        console.send("}\r")
        console.expect(r"In \[")
        console.send('greet("console")\r')
        console.expect("hello, console")
    finally:
        console.sendline("exit")
        console.close(force=True)
