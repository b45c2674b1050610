"""Finetune a GPT model to classify SMS messages as spam or not spam (chapter 6).

The book's setting (GPT-2 small weights, last block + final norm + new head trainable, AdamW
lr 5e-5, weight decay 0.1, 5 epochs, batch 8, padding to the longest training message):

    python ch06_classification/finetune_classifier.py --model gpt2-small

Without GPT-2 weights (offline), a small randomly initialised GPT, all layers trained:

    python ch06_classification/finetune_classifier.py --init random --emb-dim 128 \\
        --n-layers 2 --n-heads 4 --trainable all --lr 1e-3 --epochs 2

Other choices from the chapter's exercises and bonus experiments:

    ... --trainable all | last_layer | last_two_blocks | lora   (which parameters train)
    ... --token first | mean                                    (which output classifies)
    ... --context model | 64                                    (pad to 1,024 or to 64 tokens)
    python ch06_classification/finetune_classifier.py --quick  # seconds, tiny, for a smoke test

Writes to --out: ``classifier.pt`` (use it with ``classify.py``), ``metrics.json``,
``loss-plot.png`` and ``accuracy-plot.png``. ``main(argv)`` returns the metrics dict.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

QUICK_CFG = dict(emb_dim=32, n_layers=2, n_heads=4, context_length=64)  # --quick: seconds on CPU


def build_parser():
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("--model", default="gpt2-small",
                   help="GPT-2 size: gpt2-small, gpt2-medium, gpt2-large or gpt2-xl")
    p.add_argument("--init", choices=["pretrained", "random"], default="pretrained",
                   help="start from OpenAI's GPT-2 weights, or from random weights")
    p.add_argument("--emb-dim", type=int, default=None,
                   help="override the model width (only with --init random)")
    p.add_argument("--n-layers", type=int, default=None,
                   help="override the number of transformer blocks (only with --init random)")
    p.add_argument("--n-heads", type=int, default=None,
                   help="override the number of attention heads (only with --init random)")
    p.add_argument("--trainable", default="last_block",
                   choices=["last_layer", "last_block", "last_two_blocks", "all", "lora"],
                   help="which parameters train; the new 2-class head always does")
    p.add_argument("--lora-rank", type=int, default=16, help="LoRA rank (with --trainable lora)")
    p.add_argument("--lora-alpha", type=float, default=16.0,
                   help="LoRA scale alpha (with --trainable lora)")
    p.add_argument("--token", choices=["last", "first", "mean"], default="last",
                   help="classify from the last token, the first, or the mean over the message")
    p.add_argument("--context", default="longest",
                   help="padded length: 'longest' training message, 'model' context, or a number")
    p.add_argument("--epochs", type=int, default=5, help="passes over the training set")
    p.add_argument("--batch-size", type=int, default=8, help="messages per step")
    p.add_argument("--lr", type=float, default=5e-5, help="AdamW learning rate")
    p.add_argument("--weight-decay", type=float, default=0.1, help="AdamW weight decay")
    p.add_argument("--drop-rate", type=float, default=0.0, help="dropout rate while finetuning")
    p.add_argument("--plain-adamw", action="store_true",
                   help="use the plain (not fused) AdamW, to measure the difference")
    p.add_argument("--eval-freq", type=int, default=50, help="record losses every N steps")
    p.add_argument("--eval-iter", type=int, default=5, help="batches per loss/accuracy estimate")
    p.add_argument("--seed", type=int, default=123, help="seed for weights, shuffling, dropout")
    p.add_argument("--data", default=None,
                   help="path to SMSSpamCollection (default: LLMSCRATCH_DATA_DIR, cache, download)")
    p.add_argument("--device", default="auto", help="cpu, cuda, mps or auto (cuda > mps > cpu)")
    p.add_argument("--threads", type=int, default=None,
                   help="CPU threads for torch (default: torch's choice, usually all cores; "
                        "1 with --quick)")
    p.add_argument("--out", default="runs/ch06", help="folder for the checkpoint, plots, metrics")
    p.add_argument("--no-plots", action="store_true", help="skip the loss and accuracy plots")
    p.add_argument("--quick", action="store_true",
                   help="tiny random model, 96 messages, 1 epoch: a smoke test in seconds")
    return p


def load_splits(args):
    """The balanced data split 70/10/20 (labels 0/1); --quick keeps a few rows of each."""
    from llmscratch import create_balanced_dataset, load_spam_data, random_split

    df = create_balanced_dataset(load_spam_data(args.data))
    df["Label"] = df["Label"].map({"ham": 0, "spam": 1})
    splits = random_split(df, 0.7, 0.1)
    if args.quick:
        splits = tuple(part[:n] for part, n in zip(splits, (64, 16, 16)))
    return splits


def build_model(args, device):
    """The GPT model (pretrained or random) and its config, before the head is replaced."""
    from llmscratch import GPTModel, load_pretrained_gpt2, model_config
    from llmscratch.assets import AssetError

    overrides = {k: v for k, v in dict(emb_dim=args.emb_dim, n_layers=args.n_layers,
                                       n_heads=args.n_heads).items() if v is not None}
    if args.quick:
        overrides = {**QUICK_CFG, **overrides}
    if args.init == "pretrained" and not args.quick:
        if overrides:
            raise SystemExit("--emb-dim/--n-layers/--n-heads change the shape: use --init random")
        try:
            model = load_pretrained_gpt2(args.model, drop_rate=args.drop_rate)
        except AssetError as err:
            raise SystemExit(
                f"{err}\n\nNo GPT-2 weights here. To train without them, add --init random "
                "(for example: --init random --emb-dim 128 --n-layers 2 --n-heads 4 "
                "--trainable all --lr 1e-3 --epochs 2)"
            ) from None
        cfg = model_config(args.model, qkv_bias=True, drop_rate=args.drop_rate)
        return model.to(device), cfg, "pretrained"
    cfg = model_config(args.model, drop_rate=args.drop_rate, **overrides)
    return GPTModel(cfg).to(device), cfg, "random"


def padded_length(context, longest, context_length):
    """'longest' -> min(longest, context_length); 'model' -> context_length; 'N' -> N."""
    if context == "longest":
        return min(longest, context_length)
    if context == "model":
        return context_length
    n = int(context)
    if not 1 <= n <= context_length:
        raise SystemExit(f"--context {n} must be between 1 and the model's {context_length}")
    return n


def main(argv=None):
    args = build_parser().parse_args(argv)
    import torch
    from torch.utils.data import DataLoader
    from tqdm.auto import tqdm

    from llmscratch import (
        PooledClassifier,
        SpamDataset,
        calc_accuracy_loader,
        convert_to_classifier,
        count_trainable_parameters,
        get_device,
        get_gpt2_tokenizer,
        make_adamw,
        save_classifier,
        train_classifier_simple,
    )

    device = get_device(args.device)
    if args.threads or args.quick:  # tiny tensors: one thread beats several on a busy CPU
        torch.set_num_threads(args.threads or 1)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(args.seed)
    train_df, val_df, test_df = load_splits(args)
    tokenizer = get_gpt2_tokenizer()
    model, cfg, init = build_model(args, device)

    longest = SpamDataset(train_df, tokenizer).max_length
    max_length = padded_length(args.context, longest, cfg["context_length"])
    datasets = [SpamDataset(df, tokenizer, max_length=max_length)
                for df in (train_df, val_df, test_df)]
    generator = torch.Generator().manual_seed(args.seed)
    train_loader = DataLoader(datasets[0], batch_size=args.batch_size, shuffle=True,
                              drop_last=True, generator=generator)
    val_loader, test_loader = (DataLoader(d, batch_size=args.batch_size) for d in datasets[1:])

    torch.manual_seed(args.seed)  # the new head's initial weights
    trainable = "last_layer" if args.trainable == "lora" else args.trainable
    convert_to_classifier(model, num_classes=2, trainable=trainable)
    settings = dict(max_length=max_length, trainable=args.trainable, init=init)
    if args.trainable == "lora":
        from llmscratch import freeze_parameters, replace_linear_with_lora

        replace_linear_with_lora(freeze_parameters(model), args.lora_rank, args.lora_alpha)
        model.to(device)
        settings.update(lora_rank=args.lora_rank, lora_alpha=args.lora_alpha)
    n_train, n_total = count_trainable_parameters(model)
    classifier = PooledClassifier(model, args.token) if args.token != "last" else model
    label = f"{args.model} ({init} init)" if not args.quick else "quick tiny model (random init)"
    print(f"{label}: {n_train:,} of {n_total:,} parameters train ({args.trainable}); "
          f"messages padded to {max_length} tokens; classify from the {args.token} token(s); "
          f"device {device}")

    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = make_adamw(params, lr=args.lr, weight_decay=args.weight_decay,
                           fused=False if args.plain_adamw else None)
    num_epochs = 1 if args.quick else args.epochs
    bar = tqdm(total=num_epochs * len(train_loader), desc="training steps", leave=False)
    hook = optimizer.register_step_post_hook(lambda *_: bar.update())  # one tick per step
    start, start_cpu = time.perf_counter(), time.process_time()
    history = train_classifier_simple(classifier, train_loader, val_loader, optimizer, device,
                                      num_epochs, args.eval_freq, args.eval_iter)
    train_time, cpu_time = time.perf_counter() - start, time.process_time() - start_cpu
    hook.remove()
    bar.close()
    train_losses, val_losses, train_accs, val_accs, examples_seen = history

    metrics = {
        "train_accuracy": calc_accuracy_loader(train_loader, classifier, device),
        "val_accuracy": calc_accuracy_loader(val_loader, classifier, device),
        "test_accuracy": calc_accuracy_loader(test_loader, classifier, device),
        "train_time_s": round(train_time, 1),
        "train_cpu_time_s": round(cpu_time, 1),  # summed over threads
        "examples_seen": examples_seen,
        "trainable_parameters": n_train,
        "total_parameters": n_total,
        "model": label,
        "settings": {**vars(args), "max_length": max_length, "device": str(device)},
        "history": {"train_losses": train_losses, "val_losses": val_losses,
                    "train_accs": train_accs, "val_accs": val_accs},
    }
    for split in ("train", "val", "test"):
        print(f"{split:>5} accuracy: {metrics[f'{split}_accuracy'] * 100:.2f}%")
    print(f"Training took {train_time / 60:.2f} minutes ({train_time:.1f} s wall, "
          f"{cpu_time:.1f} s of CPU time).")

    save_classifier(out / "classifier.pt", classifier, cfg, **settings)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2))
    if not args.no_plots:
        save_plots(history, num_epochs=len(train_accs), out=out)
    print(f"Saved {out / 'classifier.pt'} and {out / 'metrics.json'}")
    return metrics


def save_plots(history, num_epochs, out):
    """loss-plot.png and accuracy-plot.png, as in the book's §6.7 figures."""
    import matplotlib.pyplot as plt
    import torch

    from llmscratch import plot_values

    train_losses, val_losses, train_accs, val_accs, examples_seen = history
    for name, train_values, val_values in [("loss", train_losses, val_losses),
                                           ("accuracy", train_accs, val_accs)]:
        if not train_values:
            continue
        epochs = torch.linspace(0, num_epochs, len(train_values))
        examples = torch.linspace(0, examples_seen, len(train_values))
        fig = plot_values(epochs, examples, train_values, val_values, label=name,
                          path=out / f"{name}-plot.png")
        plt.close(fig)


if __name__ == "__main__":
    main()
