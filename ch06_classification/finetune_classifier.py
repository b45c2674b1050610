"""Finetune a GPT model to classify SMS messages as spam or not spam (chapter 6).

The book's setting (GPT-2 small weights, last block + final norm + new head trainable, AdamW
lr 5e-5, weight decay 0.1, 5 epochs, batch 8, padding to the longest training message):

    python ch06_classification/finetune_classifier.py --model gpt2-small

Without GPT-2 weights (offline), a small randomly initialised GPT, all layers trained:

    python ch06_classification/finetune_classifier.py --init random --emb-dim 128 \\
        --n-layers 2 --n-heads 4 --trainable all --lr 1e-3 --epochs 2 --out runs/ch06-scratch

Other choices from the chapter's exercises and bonus experiments:

    ... --trainable all | last_layer | last_two_blocks | lora   (which parameters train)
    ... --token first | mean                                    (which output classifies)
    ... --context model | 64                                    (pad to 1,024 or to 64 tokens)
    ... --fast                                  (GPTModelFast: same checkpoint, less time)
    python ch06_classification/finetune_classifier.py --quick  # seconds, tiny, for a smoke test

Writes to --out: ``classifier.pt`` (use it with ``classify.py``), ``metrics.json``,
``loss-plot.png`` and ``accuracy-plot.png``. A folder that holds another run's results is
refused unless you add ``--overwrite``; the loss is checked at every step and a run whose loss
turns NaN or infinite (``--lr 1e10``) stops without saving. ``main(argv)`` returns the metrics.
"""

from __future__ import annotations

import argparse
import json
import time

from llmscratch.scripting import (
    TINY_GPT_CONFIG,
    PresetHelpFormatter,
    ScriptError,
    add_run_args,
    apply_presets,
    check_adamw_settings,
    existing_file,
    nonnegative_float,
    positive_float,
    positive_int,
    preset_help,
    probability,
    run_script,
)

# --quick: a tiny random GPT on a few messages, one epoch, one thread: a smoke test in seconds
QUICK = {"init": "random", "epochs": 1, "eval_freq": 4, "eval_iter": 2, "threads": 1}
FULL = {"init": "pretrained", "epochs": 5, "eval_freq": 50, "eval_iter": 5, "threads": None}
QUICK_ROWS = (64, 16, 16)  # training, validation and test messages kept by --quick
RESULTS = ("classifier.pt", "metrics.json", "loss-plot.png", "accuracy-plot.png")


def context_choice(value):
    """argparse type of --context: 'longest', 'model' or a whole number >= 1."""
    if value in ("longest", "model"):
        return value
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: use 'longest', 'model' or a number >= 1")
    return number


def build_parser():
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=PresetHelpFormatter,
    )
    p.add_argument("--model", default="gpt2-small",
                   help="GPT-2 size: gpt2-small, gpt2-medium, gpt2-large or gpt2-xl")
    p.add_argument("--init", choices=["pretrained", "random"], default=None,
                   help="start from OpenAI's GPT-2 weights or random ones "
                        + preset_help("init", QUICK, FULL))
    p.add_argument("--emb-dim", type=positive_int, default=None,
                   help="override the model width (only with --init random; "
                        "default: --model's, or the tiny config's with --quick)")
    p.add_argument("--n-layers", type=positive_int, default=None,
                   help="override the number of transformer blocks (only with --init random; "
                        "default: --model's, or the tiny config's with --quick)")
    p.add_argument("--n-heads", type=positive_int, default=None,
                   help="override the number of attention heads (only with --init random; "
                        "default: --model's, or the tiny config's with --quick)")
    p.add_argument("--trainable", default="last_block",
                   choices=["last_layer", "last_block", "last_two_blocks", "all", "lora"],
                   help="which parameters train; the new 2-class head always does")
    p.add_argument("--lora-rank", type=positive_int, default=16,
                   help="LoRA rank (with --trainable lora)")
    p.add_argument("--lora-alpha", type=positive_float, default=16.0,
                   help="LoRA scale alpha (with --trainable lora)")
    p.add_argument("--token", choices=["last", "first", "mean"], default="last",
                   help="classify from the last token, the first, or the mean over the message")
    p.add_argument("--context", type=context_choice, default="longest",
                   help="padded length: 'longest' training message, 'model' context, or a number")
    p.add_argument("--epochs", type=positive_int, default=None,
                   help="passes over the training set " + preset_help("epochs", QUICK, FULL))
    p.add_argument("--batch-size", type=positive_int, default=8, help="messages per step")
    p.add_argument("--lr", type=positive_float, default=5e-5, help="AdamW learning rate")
    p.add_argument("--weight-decay", type=nonnegative_float, default=0.1,
                   help="AdamW weight decay")
    p.add_argument("--drop-rate", type=probability, default=0.0,
                   help="dropout rate while finetuning")
    p.add_argument("--plain-adamw", action="store_true",
                   help="use the plain (not fused) AdamW, to measure the difference")
    p.add_argument("--eval-freq", type=positive_int, default=None,
                   help="record losses every N steps " + preset_help("eval_freq", QUICK, FULL))
    p.add_argument("--eval-iter", type=positive_int, default=None,
                   help="batches per loss/accuracy estimate "
                        + preset_help("eval_iter", QUICK, FULL))
    p.add_argument("--seed", type=int, default=123, help="seed for weights, shuffling, dropout")
    p.add_argument("--data", type=existing_file, default=None,
                   help="path to SMSSpamCollection (default: LLMSCRATCH_DATA_DIR, cache, download)")
    p.add_argument("--threads", type=positive_int, default=None,
                   help="CPU threads for torch (None: torch's choice, usually all cores) "
                        + preset_help("threads", QUICK, FULL))
    p.add_argument("--no-plots", action="store_true", help="skip the loss and accuracy plots")
    p.add_argument("--quick", action="store_true",
                   help=f"tiny random model, {sum(QUICK_ROWS)} messages, 1 epoch: a smoke test")
    add_run_args(p, out_default="runs/ch06", fast=True)
    return p


def load_splits(args):
    """The balanced data split 70/10/20 (labels 0/1); --quick keeps a few rows of each."""
    from llmscratch import create_balanced_dataset, load_spam_data, random_split

    df = load_spam_data(args.data)
    missing = [label for label in ("ham", "spam") if not (df["Label"] == label).any()]
    if missing:
        raise ScriptError(f"{args.data or 'the data'} has no {missing[0]} messages: a classifier "
                          "learns from examples of both classes")
    df = create_balanced_dataset(df)
    df["Label"] = df["Label"].map({"ham": 0, "spam": 1})
    splits = random_split(df, 0.7, 0.1)
    if args.quick:
        splits = tuple(part[:n] for part, n in zip(splits, QUICK_ROWS))
    return splits


def build_model(args, device):
    """The GPT model (pretrained or random) and its config, before the head is replaced."""
    from llmscratch import GPTModel, load_pretrained_gpt2, model_config
    from llmscratch.assets import AssetError

    overrides = {k: v for k, v in dict(emb_dim=args.emb_dim, n_layers=args.n_layers,
                                       n_heads=args.n_heads).items() if v is not None}
    if args.init == "pretrained":
        if overrides:
            raise ScriptError("--emb-dim/--n-layers/--n-heads change the model's shape, so they "
                              "need --init random")
        try:
            model = load_pretrained_gpt2(args.model, drop_rate=args.drop_rate)
        except AssetError as err:
            raise ScriptError(
                f"{err}\nNo GPT-2 weights here. To train without them, add --init random "
                "(for example: --init random --emb-dim 128 --n-layers 2 --n-heads 4 "
                "--trainable all --lr 1e-3 --epochs 2)"
            ) from None
        cfg = model_config(args.model, qkv_bias=True, drop_rate=args.drop_rate)
        return model.to(device), cfg
    base = dict(TINY_GPT_CONFIG) if args.quick else model_config(args.model)
    cfg = {**base, **overrides, "drop_rate": args.drop_rate}
    if cfg["emb_dim"] % cfg["n_heads"]:
        raise ScriptError(f"--emb-dim {cfg['emb_dim']} must be a multiple of --n-heads "
                          f"{cfg['n_heads']}")
    return GPTModel(cfg).to(device), cfg


def padded_length(context, longest, context_length):
    """'longest' -> min(longest, context_length); 'model' -> context_length; N -> N."""
    if context == "longest":
        return min(longest, context_length)
    if context == "model":
        return context_length
    if not 1 <= context <= context_length:
        raise ScriptError(f"--context {context} must be between 1 and the model's context "
                          f"length, {context_length}")
    return context


def train(classifier, train_loader, val_loader, optimizer, device, args):
    """``train_classifier_simple``'s loop (same steps, evaluations and numbers), plus a check of
    every step's loss, so a NaN or infinite loss stops the run before anything is saved, and a
    progress bar. Returns what ``train_classifier_simple`` returns."""
    from tqdm.auto import tqdm

    from llmscratch import calc_accuracy_loader
    from llmscratch.classification import calc_loss_batch, evaluate_model
    from llmscratch.scripting import check_finite_loss

    train_losses, val_losses, train_accs, val_accs = [], [], [], []
    examples_seen, global_step = 0, -1
    bar = tqdm(total=args.epochs * len(train_loader), desc="training steps", leave=False)
    for epoch in range(args.epochs):
        classifier.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = calc_loss_batch(input_batch, target_batch, classifier, device)
            check_finite_loss(loss, global_step + 1, checkpoint_hint=None)
            loss.backward()
            optimizer.step()
            bar.update()
            examples_seen += input_batch.shape[0]
            global_step += 1
            if global_step % args.eval_freq == 0:
                train_loss, val_loss = evaluate_model(classifier, train_loader, val_loader,
                                                      device, args.eval_iter)
                train_losses.append(train_loss)
                val_losses.append(val_loss)
                bar.write(f"Ep {epoch + 1} (Step {global_step:06d}): "
                          f"Train loss {train_loss:.3f}, Val loss {val_loss:.3f}")
        train_accs.append(calc_accuracy_loader(train_loader, classifier, device,
                                               num_batches=args.eval_iter))
        val_accs.append(calc_accuracy_loader(val_loader, classifier, device,
                                             num_batches=args.eval_iter))
        bar.write(f"Training accuracy: {train_accs[-1] * 100:.2f}% | "
                  f"Validation accuracy: {val_accs[-1] * 100:.2f}%")
    bar.close()
    return train_losses, val_losses, train_accs, val_accs, examples_seen


def main(argv=None):
    args = build_parser().parse_args(argv)
    apply_presets(args, QUICK, FULL)
    import torch
    from torch.utils.data import DataLoader

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
    )
    from llmscratch.scripting import install_signal_handlers, prepare_run_dir

    check_adamw_settings(args.lr, args.weight_decay, book_lr="5e-5")
    out = prepare_run_dir(args.out, overwrite=args.overwrite, results=RESULTS)
    install_signal_handlers()  # SIGTERM unwinds like Ctrl-C: one line, no temporary files
    device = get_device(args.device)
    if args.threads:  # tiny tensors: one thread beats several on a busy CPU
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_df, val_df, test_df = load_splits(args)
    if args.batch_size > len(train_df):
        raise ScriptError(f"--batch-size {args.batch_size} is larger than the {len(train_df)} "
                          "training messages, so no training step would run: use a smaller "
                          "--batch-size")
    tokenizer = get_gpt2_tokenizer()
    model, cfg = build_model(args, device)
    if args.fast:
        from llmscratch.fast import to_fast_model

        model = to_fast_model(model)  # same weights and state_dict keys, fused kernels

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
    settings = dict(max_length=max_length, trainable=args.trainable, init=args.init)
    if args.trainable == "lora":
        from llmscratch import freeze_parameters, replace_linear_with_lora

        replace_linear_with_lora(freeze_parameters(model), args.lora_rank, args.lora_alpha)
        model.to(device)
        settings.update(lora_rank=args.lora_rank, lora_alpha=args.lora_alpha)
    n_train, n_total = count_trainable_parameters(model)
    classifier = PooledClassifier(model, args.token) if args.token != "last" else model
    tiny = args.quick and args.init == "random"
    label = ("quick tiny model" if tiny else args.model) + f" ({args.init} init)"
    print(f"{label}: {n_train:,} of {n_total:,} parameters train ({args.trainable}); "
          f"messages padded to {max_length} tokens; classify from the {args.token} token(s); "
          f"device {device}{'; fast model' if args.fast else ''}")

    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = make_adamw(params, lr=args.lr, weight_decay=args.weight_decay,
                           fused=False if args.plain_adamw else None)
    start, start_cpu = time.perf_counter(), time.process_time()
    history = train(classifier, train_loader, val_loader, optimizer, device, args)
    train_time, cpu_time = time.perf_counter() - start, time.process_time() - start_cpu
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
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2, default=str))
    if not args.no_plots:
        save_plots(history, num_epochs=len(train_accs), out=out)
    print(f"Saved {out / 'classifier.pt'} and {out / 'metrics.json'}")
    return metrics


def save_plots(history, num_epochs, out):
    """loss-plot.png and accuracy-plot.png, as in the book's §6.7 figures."""
    import torch

    from llmscratch import plot_values
    from llmscratch.plotting import pyplot

    train_losses, val_losses, train_accs, val_accs, examples_seen = history
    for name, train_values, val_values in [("loss", train_losses, val_losses),
                                           ("accuracy", train_accs, val_accs)]:
        if not train_values:
            continue
        epochs = torch.linspace(0, num_epochs, len(train_values))
        examples = torch.linspace(0, examples_seen, len(train_values))
        fig = plot_values(epochs, examples, train_values, val_values, label=name,
                          path=out / f"{name}-plot.png")
        pyplot().close(fig)


if __name__ == "__main__":
    run_script(main)
