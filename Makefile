# The two commands of the README, plus the benchmarks.
.PHONY: run test bench deps release install uninstall

# Where `make install` puts the kernel, nbrun and the runtime (`sudo make install` for the default).
PREFIX ?= /usr/local
# The Python whose papermill gets the Swift translator, if it has papermill.
PYTHON ?= python3

# What nbrun needs at run time, built with optimisation (cells then train at full speed).
release: deps
	swift build -c release --product nbrun
	swift build -c release --product NotebookRuntime
	swift build -c release --product swift-cell-runner

# The kernel, nbrun and the runtime, copied into $(PREFIX)/lib/swift-notebooks/<version> (commands
# linked into $(PREFIX)/bin, the kernelspec into $(PREFIX)/share/jupyter/kernels), and papermill's
# Swift translator for $(PYTHON) if it has papermill.
install: release
	swift build -c release --product swift-kernel
	.build/release/swift-kernel install --prefix $(PREFIX)
	PYTHON=$(PYTHON) bash scripts/install-papermill-translator.sh

uninstall:
	swift build -c release --product swift-kernel
	.build/release/swift-kernel uninstall --prefix $(PREFIX)

# The main job: the tutorial notebooks rendered into HTML reports by nbrun, with its SQLite cache
# (notebooks/.nbrun-cache.sqlite), so a second run is served from the cache.
run: release
	.build/release/nbrun notebooks/[0-9]*.ipynb --output-dir reports --to html --title "Deep learning in Swift"
	@echo "The course: reports/index.html"

# Every test: the kernel and nbrun against real Jupyter clients and a real browser (Python, in
# .venv-test; JupyterLab and the reports in headless Chromium), then Swift Testing.
test: release
	bash scripts/install-deps.sh --test
	test -x .venv-test/bin/python || python3 -m venv .venv-test
	.venv-test/bin/pip install -q jupyter_client jupyter_console jupyter_kernel_test nbclient nbformat jsonschema pexpect pytest \
		jupyterlab==4.6.6 playwright==1.65.2 papermill keras==3.15.1 jax==0.10.2
	PYTHON=.venv-test/bin/python bash scripts/install-papermill-translator.sh
	swift build -c release --product swift-kernel
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
