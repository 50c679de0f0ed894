"""Keras version of the digits convnet benchmark, timed.

  .venv/bin/python keras_digits.py

Notebook 07's convnet: Conv2D(32, 3, padding="same", activation="relu"), MaxPooling2D(2),
Conv2D(64, 3, padding="same", activation="relu"), MaxPooling2D(2), Flatten, Dense(10, softmax);
Keras' defaults (glorot-uniform, zero biases); Adam(1e-3); sparse categorical cross-entropy;
20 epochs; batch 32 reshuffled each epoch; all 1797 digits; 2 threads.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--runs", type=int, default=5)
args = ap.parse_args()

images, digits = common.digits_data()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402
tf.config.threading.set_intra_op_parallelism_threads(common.THREADS)
tf.config.threading.set_inter_op_parallelism_threads(common.THREADS)
import keras  # noqa: E402


def one_fit(seed):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    start = time.perf_counter()
    history = model.fit(images, digits, batch_size=common.CONVNET_BATCH, epochs=common.CONVNET_EPOCHS, verbose=0)
    return time.perf_counter() - start, history.history["loss"][-1], history.history["accuracy"][-1]


common.time_convnet("keras_digits", one_fit, args.runs)
