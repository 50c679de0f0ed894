# JupyterLab with the Swift kernel and nbrun: a JupyterHub single-user image, or the base of a
# Jupyter Enterprise Gateway kernel image. NOT BUILT OR TESTED by this project (its machines have no
# container engine); what it does is what `make install` does, which the tests cover.
#
#   docker build -t swift-notebooks .
#   docker run -p 8888:8888 swift-notebooks            # JupyterLab on http://localhost:8888
#   docker run -v "$PWD:/work" swift-notebooks nbrun /work/notebook.ipynb
FROM swift:6.3-bookworm

# Cells are compiled in the container, so the toolchain stays; make and Python for the rest.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends make python3-venv \
 && rm -rf /var/lib/apt/lists/*

# Jupyter (and jupyterhub-singleuser, papermill) in a venv of their own.
RUN python3 -m venv /opt/jupyter \
 && /opt/jupyter/bin/pip install --no-cache-dir jupyterlab jupyterhub papermill
ENV PATH=/opt/jupyter/bin:$PATH

# Build and install into /usr/local (the install-deps step adds OpenBLAS, ZeroMQ, SQLite and
# cmark-gfm from Debian), then drop the sources and build folder: the installation stands alone.
COPY . /tmp/swift-notebooks
RUN cd /tmp/swift-notebooks \
 && make install PREFIX=/usr/local PYTHON=/opt/jupyter/bin/python \
 && cd / && rm -rf /tmp/swift-notebooks /var/lib/apt/lists/* \
 && chmod -R a+rwX /usr/local/lib/swift-notebooks/*/module-cache

# The warmed module cache is shared by every user of the image (made writable above).
RUN useradd --create-home --uid 1000 jovyan
USER jovyan
WORKDIR /home/jovyan
EXPOSE 8888
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--no-browser"]
