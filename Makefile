# The two commands of the README, plus the benchmarks.
.PHONY: run test bench deps

# The main job: until nbrun exists, train the red-wine tutorial model and print its losses.
run: deps
	swift build -c release --product red-wine
	.build/release/red-wine notebooks/data/winequality-red.csv

# Every test: the kernel against real Jupyter clients (Python, in .venv-test; JupyterLab in headless
# Chromium), then Swift Testing.
test:
	bash scripts/install-deps.sh --test
	test -x .venv-test/bin/python || python3 -m venv .venv-test
	.venv-test/bin/pip install -q jupyter_client jupyter_console jupyter_kernel_test nbclient nbformat pexpect pytest \
		jupyterlab==4.6.6 playwright==1.65.2
	swift build --product NotebookRuntime
	swift build --product swift-cell-runner
	swift build --product swift-kernel
	.venv-test/bin/python -m pytest -q Tests/python
	swift test --disable-xctest

# Our benchmarks beside the PyTorch, Keras and NumPy references, as ratios.
bench:
	bash scripts/bench.sh

deps:
	bash scripts/install-deps.sh
