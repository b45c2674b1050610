"""Train the toy network with DistributedDataParallel (Appendix A.9.2), on CPUs or GPUs.

Every process started by ``torchrun`` runs this same file. Each one joins a process group
(``gloo`` on CPU, ``nccl`` on CUDA), gets its own slice of the training data from a
``DistributedSampler``, and trains a copy of ``NeuralNetwork(2, 2)`` wrapped in
``DistributedDataParallel``. DDP copies rank 0's initial weights to every rank and averages the
gradients across ranks in ``backward()``, so all copies take identical optimizer steps and end
with identical weights. Rank 0 prints the final accuracy.

Examples::

    # two processes on the CPU (works on any laptop)
    torchrun --nproc_per_node=2 appendix_a_pytorch/ddp_train.py --device cpu

    # one process per GPU
    torchrun --nproc_per_node=4 appendix_a_pytorch/ddp_train.py --device cuda

    # no torchrun: a plain single process (no process group, same code path otherwise)
    python appendix_a_pytorch/ddp_train.py

    # see what gradient averaging buys: train each rank on its own, without DDP
    torchrun --nproc_per_node=2 appendix_a_pytorch/ddp_train.py --device cpu --no-ddp

    python appendix_a_pytorch/ddp_train.py --help

With ``--output-dir DIR`` every rank writes ``DIR/rank{R}_weights.pt`` (its final ``state_dict``)
and ``DIR/rank{R}_metrics.json``, so you (and the tests) can compare the ranks. A folder that
already holds such files is refused before training unless ``--overwrite`` is given, and so is
an ``--output-dir`` that is a file. ``RANK``/``WORLD_SIZE`` left in the shell without torchrun
stop with an explanation, and ranks that do not all arrive stop after 60 s instead of waiting.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import torch
from torch.utils.data import DataLoader

from llmscratch import (
    NeuralNetwork,
    ToyDataset,
    cleanup_distributed,
    compute_accuracy,
    get_device,
    make_toy_data,
    make_toy_loaders,
    sampler_indices,
    save_model_weights,
    train_toy_model,
)
from llmscratch import scripting as sc

QUICK, FULL = {"num_epochs": 1}, {"num_epochs": 3}
RESULTS = ("rank*_weights.pt", "rank*_metrics.json")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Train the Appendix A toy network with DistributedDataParallel "
        "(run under torchrun, or as a single process).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--num-epochs", type=sc.positive_int, default=None,
                        help="passes over the training data "
                             + sc.preset_help("num_epochs", QUICK, FULL))
    parser.add_argument("--lr", type=sc.positive_float, default=0.5, help="SGD learning rate")
    parser.add_argument("--batch-size", type=sc.positive_int, default=2,
                        help="examples per batch per rank")
    parser.add_argument("--seed", type=int, default=123,
                        help="seed for the weights and the sampler's shuffling")
    parser.add_argument("--quick", action="store_true", help="one epoch only: a smoke test")
    parser.add_argument("--no-ddp", action="store_true",
                        help="do not wrap the model in DDP: each rank trains on its own data "
                        "without gradient averaging (to see the ranks drift apart)")
    parser.add_argument("--output-dir", default=None,
                        help="if set, each rank saves its final weights and metrics here")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace the rank files of an earlier run in --output-dir")
    # --device auto: cuda if available, else cpu under torchrun (DDP has no MPS backend),
    # else llmscratch.get_device()
    sc.add_run_args(parser, fast=False)
    args = sc.apply_presets(parser.parse_args(argv), QUICK, FULL)
    if args.output_dir is not None:  # checked before any process group or training
        sc.prepare_run_dir(args.output_dir, overwrite=args.overwrite, results=RESULTS,
                           flag="--output-dir", resumable=False)
    return args


def _device_type(requested: str, distributed: bool) -> str:
    if requested != "auto":
        return get_device(requested).type
    device_type = get_device().type
    if distributed and device_type == "mps":
        return "cpu"  # DDP has no MPS backend; gloo on the CPU instead
    return device_type


def main(argv=None) -> dict:
    args = parse_args(argv)
    num_epochs = args.num_epochs
    distributed = sc.check_distributed_env() is not None  # leftover variables: a clear stop
    device_type = _device_type(args.device, distributed)
    if distributed and device_type == "mps":
        raise sc.ScriptError("DDP has no backend for mps: use --device cpu under torchrun")

    rank, world_size, local_rank = sc.join_process_group(device_type)
    try:
        device = get_device(f"cuda:{local_rank}" if device_type == "cuda" else device_type)
        torch.manual_seed(args.seed)  # same initial weights everywhere (DDP would sync them anyway)

        train_loader, test_loader = make_toy_loaders(rank, world_size, args.batch_size, args.seed)
        shares = sampler_indices(train_loader, range(num_epochs))
        _say(f"[rank {rank}/{world_size}] training examples per epoch: {shares}")

        model = NeuralNetwork(num_inputs=2, num_outputs=2).to(device)
        if distributed and not args.no_ddp:
            from torch.nn.parallel import DistributedDataParallel as DDP

            # copies rank 0's weights to all ranks, then averages gradients in backward()
            model = DDP(model, device_ids=[local_rank] if device.type == "cuda" else None)
        optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
        losses = train_toy_model(model, train_loader, optimizer, num_epochs, device=device)

        # score the plain module on ALL training points (train_loader only holds this rank's share)
        plain = model.module if hasattr(model, "module") else model
        X_train, y_train, _, _ = make_toy_data()
        full_train = DataLoader(ToyDataset(X_train, y_train), batch_size=args.batch_size)
        metrics = {
            "rank": rank,
            "world_size": world_size,
            "device": str(device),
            "backend": _backend_name(),
            "ddp": distributed and not args.no_ddp,
            "num_epochs": num_epochs,
            "train_indices": shares,
            "losses": losses,
            "train_accuracy": compute_accuracy(plain, full_train, device=device),
            "test_accuracy": compute_accuracy(plain, test_loader, device=device),
        }
        if rank == 0:
            _say(f"[rank 0] final train accuracy {metrics['train_accuracy']:.2f}, "
                 f"test accuracy {metrics['test_accuracy']:.2f} "
                 f"({world_size} process(es), {device})")
        if args.output_dir is not None:
            _save_rank_outputs(plain, metrics, Path(args.output_dir), rank)
        cleanup_distributed(wait=True)  # every rank is done: leave the group together
    finally:
        cleanup_distributed()  # after an error, leave without waiting for the others
    return metrics


def _say(line: str) -> None:
    """Print one whole line at once, so the ranks' lines do not interleave mid-line."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _backend_name() -> str | None:
    import torch.distributed as dist

    return dist.get_backend() if dist.is_available() and dist.is_initialized() else None


def _save_rank_outputs(model, metrics: dict, out: Path, rank: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    save_model_weights(model.cpu(), out / f"rank{rank}_weights.pt")
    tmp = out / f".rank{rank}_metrics.json.tmp"
    try:  # a complete file or none, even when the run is stopped mid-write
        tmp.write_text(json.dumps(metrics, indent=2))
        os.replace(tmp, out / f"rank{rank}_metrics.json")
    finally:
        tmp.unlink(missing_ok=True)


if __name__ == "__main__":
    sc.run_script(main)
