# The two commands of the README, plus the benchmarks.
.PHONY: run test bench deps

# The main job: until nbrun exists, train the red-wine tutorial model and print its losses.
run: deps
	swift build -c release --product red-wine
	.build/release/red-wine notebooks/data/winequality-red.csv

# Every test.
test: deps
	swift build --product NotebookRuntime
	swift build --product swift-cell-runner
	swift test --disable-xctest

# Our benchmarks beside the PyTorch, Keras and NumPy references, as ratios.
bench:
	bash scripts/bench.sh

deps:
	bash scripts/install-deps.sh
