#!/usr/bin/env bash
# papermill's Swift translator (python/papermill-swift), installed into the Python that has
# papermill ($PYTHON, else python3); without papermill there is nothing to do.
python=${PYTHON:-python3}
package="$(cd "$(dirname "$0")/.." && pwd)/python/papermill-swift"
if ! "$python" -c "import papermill" 2>/dev/null; then
  echo "papermill is not installed for $python: its Swift translator is not installed"
  echo "(to add it later: $python -m pip install $package)"
  exit 0
fi
if ! "$python" -m pip install --quiet "$package"; then
  echo "pip could not install python/papermill-swift into $python (an externally managed Python wants a venv: PYTHON=venv/bin/python make install)" >&2
  exit 1
fi
echo "papermill's Swift translator is installed for $python"
