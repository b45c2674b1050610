"""Finetune a GPT on instruction data, answer the test set, and save everything (chapter 7).

The book's chapter 7 in one command: load the 1,100 instruction records (or ``--data``), split
them 85/10/5, format them as Alpaca (or Phi-3) prompts, batch them with the -100 padding mask,
finetune GPT-2 medium (or another size) for two epochs with AdamW (lr 5e-5, weight decay 0.1),
then generate a response for every test record and score it offline with ROUGE-L. Written to
``--out``: ``<model>-sft.pt`` (checkpoint; LoRA adapters are merged into the weights first, so
it loads into a plain ``GPTModel``), ``responses.json`` (test records with ``model_response``,
ready for ``evaluate_responses.py``), ``loss-plot.png`` and ``metrics.json``. A folder that
holds another run's results is refused unless you add ``--overwrite``.

Starting weights (``--init``):
- ``pretrained`` (default, as the book): OpenAI's GPT-2 weights through ``llmscratch.assets``.
  They must be on the machine or downloadable (``python -m llmscratch fetch gpt2-medium``); on
  an offline machine without them the script stops and says so.
- ``random``: a freshly initialised model. It learns the prompt format but not the answers
  (it knows no English), so use it for smoke tests and timing, not for quality.
- a checkpoint path: continue from a file saved by this script or ``ch05_pretraining``.

``--quick`` fills every setting you did not give with a tiny one (the tiny random GPT of every
script's ``--quick``, 24 records, 1 epoch); a flag you give always wins. ``--fast`` trains
``GPTModelFast`` with its fused head-and-loss step: the same checkpoint, in less time. The loss
is checked at every step; a NaN or infinite loss stops the run before anything is saved.

Examples::

    python ch07_instruction/finetune_instructions.py                          # the book's run
    python ch07_instruction/finetune_instructions.py --prompt-style phi3      # exercise 7.1
    python ch07_instruction/finetune_instructions.py --mask-instructions      # exercise 7.2
    python ch07_instruction/finetune_instructions.py --lora-rank 16 --lora-alpha 16  # ex. 7.4
    python ch07_instruction/finetune_instructions.py --quick                  # seconds, offline
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from llmscratch.scripting import (
    TINY_GPT_CONFIG,
    PresetHelpFormatter,
    ScriptError,
    add_run_args,
    apply_presets,
    check_adamw_settings,
    existing_file,
    nonnegative_float,
    nonnegative_int,
    positive_float,
    positive_int,
    preset_help,
    run_script,
)

QUICK = {  # --quick: seconds on a CPU, offline
    "init": "random", "epochs": 1, "batch_size": 4, "lr": 1e-3, "eval_freq": 4, "eval_iter": 1,
    "allowed_max_length": TINY_GPT_CONFIG["context_length"], "max_new_tokens": 8, "num_test": 2,
}
FULL = {  # the book's settings
    "init": "pretrained", "epochs": 2, "batch_size": 8, "lr": 5e-5, "eval_freq": 5,
    "eval_iter": 5, "allowed_max_length": 1024, "max_new_tokens": 256, "num_test": None,
}
QUICK_RECORDS = 24  # 20 training, 2 validation, 2 test records


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Instruction-finetune a GPT, generate test-set responses, save the results.",
        formatter_class=PresetHelpFormatter,
    )

    def preset(flag, what, **kwargs):  # an option whose default comes from QUICK or FULL
        key = flag[2:].replace("-", "_")
        parser.add_argument(flag, default=None, help=f"{what} {preset_help(key, QUICK, FULL)}",
                            **kwargs)

    parser.add_argument("--model", default="gpt2-medium",
                        help="GPT-2 size: gpt2-small, gpt2-medium, gpt2-large, gpt2-xl")
    preset("--init", "starting weights: pretrained, random, or a checkpoint path")
    parser.add_argument("--data", type=existing_file, default=None,
                        help="instruction JSON (records with instruction/input/output); "
                             "default: the book's instruction-data.json via llmscratch.assets")
    parser.add_argument("--prompt-style", choices=["alpaca", "phi3"], default="alpaca",
                        help="prompt format (phi3: exercise 7.1)")
    parser.add_argument("--mask-instructions", action="store_true",
                        help="leave the prompt tokens out of the loss (exercise 7.2)")
    parser.add_argument("--lora-rank", type=nonnegative_int, default=0,
                        help="train LoRA adapters of this rank instead of all weights (0: off)")
    parser.add_argument("--lora-alpha", type=positive_float, default=16.0,
                        help="LoRA scaling factor")
    preset("--epochs", "passes over the training set", type=positive_int)
    preset("--batch-size", "sequences per batch", type=positive_int)
    preset("--lr", "AdamW learning rate", type=positive_float)
    parser.add_argument("--weight-decay", type=nonnegative_float, default=0.1,
                        help="AdamW weight decay")
    preset("--allowed-max-length", "cut every batch to this many tokens", type=positive_int)
    preset("--eval-freq", "evaluate every N steps", type=positive_int)
    preset("--eval-iter", "batches per evaluation", type=positive_int)
    preset("--max-new-tokens", "longest generated response", type=positive_int)
    preset("--num-test", "answer only the first N test records (none: all; 0: no answers)",
           type=nonnegative_int)
    parser.add_argument("--seed", type=int, default=123, help="random seed")
    parser.add_argument("--quick", action="store_true",
                        help=f"tiny settings for every flag you do not give ({QUICK_RECORDS} "
                             "records, tiny random model, 1 epoch): seconds, offline")
    add_run_args(parser, out_default="runs/ch07", fast=True)
    return parser


def build_model(args):
    """The model to finetune and its config, from --init (pretrained, random or a checkpoint)."""
    import torch

    from llmscratch import GPTModel, model_config
    from llmscratch.assets import AssetError

    torch.manual_seed(args.seed)
    if args.init == "random":
        # the book finetunes without dropout (drop_rate 0.0), here too
        base = TINY_GPT_CONFIG if args.quick else model_config(args.model)
        cfg = {**base, "drop_rate": 0.0}
        return GPTModel(cfg), cfg
    if args.init == "pretrained":
        from llmscratch import load_pretrained_gpt2

        try:
            model = load_pretrained_gpt2(args.model, drop_rate=0.0)
        except AssetError as err:
            raise ScriptError(
                f"pretrained {args.model} weights are not available here:\n{err}\n"
                "Fetch them on a machine with internet access (`python -m llmscratch fetch "
                f"{args.model}`) or train from scratch with --init random (expect poor answers: "
                "a random model knows no English)."
            ) from None
        return model, model_config(args.model, qkv_bias=True, drop_rate=0.0)
    from llmscratch.scripting import load_gpt_from_checkpoint

    model, cfg, _ = load_gpt_from_checkpoint(args.init)
    return model, dict(cfg)


def check_responses_fit(dataset, max_length, prompt_style):
    """With masked prompts, refuse records whose response lies wholly beyond ``max_length``.

    Such a record has no target left (its prompt tokens are -100, its response is cut off), and
    a batch of them makes the loss NaN: 0 / 0. Item ``i`` of a masked ``InstructionDataset`` is
    ``(prompt_length, token_ids)``; its targets are positions ``prompt_length - 1`` to
    ``min(len(token_ids), max_length) - 1``.
    """
    items = [dataset[i] for i in range(len(dataset))]
    empty = sum(prompt_length - 1 >= min(len(ids), max_length) for prompt_length, ids in items)
    if empty:
        raise ScriptError(
            f"with --mask-instructions, {empty} of {len(items)} training records keep no response "
            f"token within {max_length} tokens (the {prompt_style} prompt alone is longer), so "
            "the loss would be 0/0: raise --allowed-max-length (up to the model's context), "
            "use --prompt-style phi3 (shorter prompts), or leave out --mask-instructions")


def train(model, train_loader, val_loader, optimizer, device, args, start_context, tokenizer):
    """``train_model_simple``'s loop (the same steps, evaluations and samples), with the step's
    loss from ``calc_loss_batch_fast`` under ``--fast`` (the head and loss in one step) and a
    check of every step's loss, so a NaN or infinite loss stops the run before it is saved.
    Returns what ``train_model_simple`` returns."""
    from llmscratch.scripting import check_finite_loss
    from llmscratch.training import calc_loss_batch, evaluate_model, generate_and_print_sample

    if args.fast:
        from llmscratch.fast import calc_loss_batch_fast as loss_fn
    else:
        loss_fn = calc_loss_batch
    train_losses, val_losses, track_tokens_seen = [], [], []
    tokens_seen, global_step = 0, -1
    for epoch in range(args.epochs):
        model.train()
        for input_batch, target_batch in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(input_batch, target_batch, model, device)
            check_finite_loss(loss, global_step + 1, checkpoint_hint=None)
            loss.backward()
            optimizer.step()
            tokens_seen += input_batch.numel()
            global_step += 1
            if global_step % args.eval_freq == 0:
                train_loss, val_loss = evaluate_model(model, train_loader, val_loader, device,
                                                      args.eval_iter)
                train_losses.append(train_loss)
                val_losses.append(val_loss)
                track_tokens_seen.append(tokens_seen)
                print(f"Ep {epoch + 1} (Step {global_step:06d}): "
                      f"Train loss {train_loss:.3f}, Val loss {val_loss:.3f}")
        generate_and_print_sample(model, tokenizer, device, start_context)
    return train_losses, val_losses, track_tokens_seen


def main(argv=None) -> dict:
    args = build_parser().parse_args(argv)
    apply_presets(args, QUICK, FULL)
    if args.init not in ("pretrained", "random") and not Path(args.init).is_file():
        raise ScriptError(f"--init {args.init}: no such file; use pretrained, random, or the "
                          "path of a checkpoint from train_gpt.py or this script")
    check_adamw_settings(args.lr, args.weight_decay, book_lr="5e-5")
    import torch

    from llmscratch import (
        PROMPT_STYLES,
        create_instruction_dataloaders,
        download_and_load_file,
        generate_responses,
        generate_rouge_scores,
        get_device,
        get_gpt2_tokenizer,
        make_adamw,
        save_checkpoint,
        save_json,
        split_instruction_data,
    )
    from llmscratch.lora import freeze_parameters, merge_lora, replace_linear_with_lora
    from llmscratch.plotting import pyplot
    from llmscratch.plotting_training import plot_losses
    from llmscratch.scripting import install_signal_handlers, prepare_run_dir

    name = "quick" if args.quick else args.model
    results = (f"{name}-sft.pt", "responses.json", "loss-plot.png", "metrics.json")
    out = prepare_run_dir(args.out, overwrite=args.overwrite, results=results)
    install_signal_handlers()  # SIGTERM unwinds like Ctrl-C: one line, no temporary files
    device = get_device(args.device)
    data = download_and_load_file(args.data)
    if args.quick:
        data = data[:QUICK_RECORDS]
    train_data, val_data, test_data = split_instruction_data(data)
    print(f"{len(train_data)} training, {len(val_data)} validation, {len(test_data)} test records")
    if args.batch_size > len(train_data):
        raise ScriptError(f"--batch-size {args.batch_size} is larger than the {len(train_data)} "
                          "training records, so no training step would run: use a smaller "
                          "--batch-size")

    tokenizer = get_gpt2_tokenizer()
    model, cfg = build_model(args)
    if args.fast:
        from llmscratch.fast import to_fast_model

        model = to_fast_model(model)  # same weights and state_dict keys, fused kernels
    if args.lora_rank > 0:
        freeze_parameters(model)
        replace_linear_with_lora(model, rank=args.lora_rank, alpha=args.lora_alpha)
    model.to(device)
    n_trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(f"{name} model, init={args.init}, {n_trainable:,} trainable parameters, "
          f"device {device}{', fast model' if args.fast else ''}")

    max_length = min(args.allowed_max_length, cfg["context_length"])
    train_loader, val_loader, _ = create_instruction_dataloaders(
        train_data, val_data, test_data, tokenizer, batch_size=args.batch_size,
        allowed_max_length=max_length, device=device, prompt_style=args.prompt_style,
        mask_instructions=args.mask_instructions, seed=args.seed,
    )
    if args.mask_instructions:
        check_responses_fit(train_loader.dataset, max_length, args.prompt_style)
    torch.manual_seed(args.seed)
    optimizer = make_adamw([p for p in model.parameters() if p.requires_grad], lr=args.lr,
                           weight_decay=args.weight_decay)
    start_context = PROMPT_STYLES[args.prompt_style][0](val_data[0])
    start = time.perf_counter()
    train_losses, val_losses, tokens_seen = train(model, train_loader, val_loader, optimizer,
                                                  device, args, start_context, tokenizer)
    train_minutes = (time.perf_counter() - start) / 60
    print(f"Training took {train_minutes:.2f} minutes")

    if args.lora_rank > 0:
        merge_lora(model)  # plain GPTModel weights: chat.py and later runs load them directly
    checkpoint = save_checkpoint(out / f"{name}-sft.pt", model, extra={
        "config": cfg, "prompt_style": args.prompt_style, "init": str(args.init),
        "lora_rank": args.lora_rank, "mask_instructions": args.mask_instructions,
    })
    epochs_seen = torch.linspace(0, args.epochs, len(train_losses)).tolist()
    fig = plot_losses(epochs_seen, tokens_seen, train_losses, val_losses,
                      path=out / "loss-plot.png")
    pyplot().close(fig)

    num_test = len(test_data) if args.num_test is None else args.num_test
    responses = generate_responses(model, tokenizer, test_data[:num_test],
                                   max_new_tokens=args.max_new_tokens, device=device,
                                   prompt_style=args.prompt_style)
    save_json(responses, out / "responses.json")
    rouge = generate_rouge_scores(responses, "model_response")
    metrics = {
        "model": name, "init": str(args.init), "prompt_style": args.prompt_style,
        "mask_instructions": args.mask_instructions, "lora_rank": args.lora_rank,
        "trainable_parameters": n_trainable, "epochs": args.epochs, "lr": args.lr,
        "batch_size": args.batch_size, "fast": args.fast,
        "train_losses": train_losses, "val_losses": val_losses, "tokens_seen": tokens_seen,
        "final_train_loss": train_losses[-1] if train_losses else None,
        "final_val_loss": val_losses[-1] if val_losses else None,
        "train_minutes": train_minutes, "device": str(device),
        "num_responses": len(responses),
        "rougeL_mean": sum(rouge) / len(rouge) if rouge else None,
        "checkpoint": str(checkpoint), "responses": str(out / "responses.json"),
    }
    save_json(metrics, out / "metrics.json")
    if metrics["final_train_loss"] is not None:
        print(f"Final losses: train {metrics['final_train_loss']:.3f}, "
              f"val {metrics['final_val_loss']:.3f}")
    if rouge:
        print(f"ROUGE-L on {len(rouge)} test responses: {metrics['rougeL_mean']:.2f} / 100")
    print(f"Wrote {out}")
    return metrics


if __name__ == "__main__":
    run_script(main)
