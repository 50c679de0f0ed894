"""PyTorch version of the digits convnet benchmark, timed.

  .venv/bin/python torch_digits.py

Notebook 07's convnet: Conv2d(1, 32, 3, padding=1)+ReLU, MaxPool2d(2), Conv2d(32, 64, 3,
padding=1)+ReLU, MaxPool2d(2), Flatten, Linear(256, 10); glorot-uniform weights, zero biases;
Adam(1e-3); cross-entropy on the logits (the softmax inside the loss); 20 epochs; batch 32
reshuffled each epoch; all 1797 digits; 2 threads.
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
import torch  # noqa: E402
from torch import nn  # noqa: E402
torch.set_num_threads(common.THREADS)

X = torch.from_numpy(images).permute(0, 3, 1, 2).contiguous()   # channels first, as PyTorch wants
y = torch.from_numpy(digits)
loss_fn = nn.CrossEntropyLoss()


def build():
    model = nn.Sequential(nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(64 * 2 * 2, 10))
    for module in model:
        if isinstance(module, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(module.weight)
            nn.init.zeros_(module.bias)
    return model, torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)


def one_fit(seed):
    torch.manual_seed(seed)
    model, optimizer = build()
    generator = torch.Generator().manual_seed(seed)
    n = X.shape[0]
    start = time.perf_counter()
    for _ in range(common.CONVNET_EPOCHS):
        order = torch.randperm(n, generator=generator)
        total = 0.0
        for i in range(0, n, common.CONVNET_BATCH):
            batch = order[i:i + common.CONVNET_BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(X[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * batch.shape[0]
    elapsed = time.perf_counter() - start
    with torch.no_grad():
        accuracy = (model(X).argmax(1) == y).float().mean().item()
    return elapsed, total / n, accuracy


common.time_convnet("torch_digits", one_fit, args.runs)
