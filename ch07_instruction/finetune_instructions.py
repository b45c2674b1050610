"""Finetune a GPT on instruction data, answer the test set, and save everything (chapter 7).

The book's chapter 7 in one command: load the 1,100 instruction records (or ``--data``), split
them 85/10/5, format them as Alpaca (or Phi-3) prompts, batch them with the -100 padding mask,
finetune GPT-2 medium (or another size) for two epochs with AdamW (lr 5e-5, weight decay 0.1),
then generate a response for every test record and score it offline with ROUGE-L. Written to
``--out``: ``<model>-sft.pt`` (checkpoint; LoRA adapters are merged into the weights first, so
it loads into a plain ``GPTModel``), ``responses.json`` (test records with ``model_response``,
ready for ``evaluate_responses.py``), ``loss-plot.png`` and ``metrics.json``.

Starting weights (``--init``):
- ``pretrained`` (default, as the book): OpenAI's GPT-2 weights through ``llmscratch.assets``.
  They must be on the machine or downloadable (``python -m llmscratch fetch gpt2-medium``); on
  an offline machine without them the script stops and says so.
- ``random``: a freshly initialised model. It learns the prompt format but not the answers
  (it knows no English), so use it for smoke tests and timing, not for quality.
- a checkpoint path: continue from a file saved by this script or ``ch05_pretraining``.

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

QUICK_CONFIG = {  # --quick: a tiny model that trains in seconds on a CPU
    "vocab_size": 50257, "context_length": 128, "emb_dim": 32, "n_heads": 4, "n_layers": 2,
    "drop_rate": 0.0, "qkv_bias": False,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Instruction-finetune a GPT, generate test-set responses, save the results.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--model", default="gpt2-medium",
                        help="GPT-2 size: gpt2-small, gpt2-medium, gpt2-large, gpt2-xl")
    parser.add_argument("--init", default="pretrained",
                        help="starting weights: pretrained, random, or a checkpoint path")
    parser.add_argument("--data", type=Path, default=None,
                        help="instruction JSON (records with instruction/input/output); "
                             "default: the book's instruction-data.json via llmscratch.assets")
    parser.add_argument("--prompt-style", choices=["alpaca", "phi3"], default="alpaca",
                        help="prompt format (phi3: exercise 7.1)")
    parser.add_argument("--mask-instructions", action="store_true",
                        help="leave the prompt tokens out of the loss (exercise 7.2)")
    parser.add_argument("--lora-rank", type=int, default=0,
                        help="train LoRA adapters of this rank instead of all weights (0: off)")
    parser.add_argument("--lora-alpha", type=float, default=16.0, help="LoRA scaling factor")
    parser.add_argument("--epochs", type=int, default=2, help="passes over the training set")
    parser.add_argument("--batch-size", type=int, default=8, help="sequences per batch")
    parser.add_argument("--lr", type=float, default=5e-5, help="AdamW learning rate")
    parser.add_argument("--weight-decay", type=float, default=0.1, help="AdamW weight decay")
    parser.add_argument("--allowed-max-length", type=int, default=1024,
                        help="cut every batch to this many tokens")
    parser.add_argument("--eval-freq", type=int, default=5, help="evaluate every N steps")
    parser.add_argument("--eval-iter", type=int, default=5, help="batches per evaluation")
    parser.add_argument("--max-new-tokens", type=int, default=256,
                        help="longest generated response")
    parser.add_argument("--num-test", type=int, default=None,
                        help="answer only the first N test records (default: all; 0: none)")
    parser.add_argument("--seed", type=int, default=123, help="random seed")
    parser.add_argument("--device", default=None, help="cpu, cuda, mps (default: the best one)")
    parser.add_argument("--out", type=Path, default=Path("runs/ch07"),
                        help="folder for checkpoint, responses, plot and metrics")
    parser.add_argument("--quick", action="store_true",
                        help="tiny random model, 24 records, 1 epoch: runs in seconds offline")
    return parser


def _apply_quick(args):
    args.init, args.epochs, args.batch_size, args.lr = "random", 1, 4, 1e-3
    args.allowed_max_length = min(args.allowed_max_length, QUICK_CONFIG["context_length"])
    args.eval_freq, args.eval_iter, args.max_new_tokens = 4, 1, 8
    args.num_test = 2 if args.num_test is None else args.num_test


def build_model(args, device):
    """The model to finetune and its config, from --init (pretrained, random or a checkpoint)."""
    import torch

    from llmscratch import GPTModel, load_checkpoint, model_config
    from llmscratch.assets import AssetError

    torch.manual_seed(args.seed)
    if args.quick:
        return GPTModel(QUICK_CONFIG), dict(QUICK_CONFIG)
    if args.init == "random":
        cfg = model_config(args.model, context_length=args.allowed_max_length)
        return GPTModel(cfg), cfg
    if args.init == "pretrained":
        from llmscratch import load_pretrained_gpt2

        try:
            model = load_pretrained_gpt2(args.model, drop_rate=0.0)
        except AssetError as err:
            raise SystemExit(
                f"Pretrained {args.model} weights are not available here:\n{err}\n"
                "Fetch them on a machine with internet access (`python -m llmscratch fetch "
                f"{args.model}`) or train from scratch with --init random (expect poor answers: "
                "a random model knows no English)."
            ) from None
        cfg = model_config(args.model, qkv_bias=True, drop_rate=0.0)
        return model, cfg
    saved = load_checkpoint(args.init, restore_rng=False)
    cfg = saved["extra"].get("config") or model_config(args.model)
    model = GPTModel(cfg)
    load_checkpoint(args.init, model, restore_rng=False)
    return model, cfg


def main(argv=None) -> dict:
    args = build_parser().parse_args(argv)
    if args.quick:
        _apply_quick(args)
    import torch

    from llmscratch import (
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
        train_model_simple,
    )
    from llmscratch.lora import freeze_parameters, merge_lora, replace_linear_with_lora
    from llmscratch.plotting_training import plot_losses

    device = get_device(args.device)
    tokenizer = get_gpt2_tokenizer()
    data = download_and_load_file(args.data)
    if args.quick:
        data = data[:24]  # 20 training, 2 validation, 2 test records
    train_data, val_data, test_data = split_instruction_data(data)
    print(f"{len(train_data)} training, {len(val_data)} validation, {len(test_data)} test records")

    model, cfg = build_model(args, device)
    if args.lora_rank > 0:
        freeze_parameters(model)
        replace_linear_with_lora(model, rank=args.lora_rank, alpha=args.lora_alpha)
    model.to(device)
    n_trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(f"{args.model if not args.quick else 'quick'} model, init={args.init}, "
          f"{n_trainable:,} trainable parameters, device {device}")

    train_loader, val_loader, _ = create_instruction_dataloaders(
        train_data, val_data, test_data, tokenizer, batch_size=args.batch_size,
        allowed_max_length=min(args.allowed_max_length, cfg["context_length"]), device=device,
        prompt_style=args.prompt_style, mask_instructions=args.mask_instructions, seed=args.seed,
    )
    torch.manual_seed(args.seed)
    optimizer = make_adamw([p for p in model.parameters() if p.requires_grad], lr=args.lr,
                           weight_decay=args.weight_decay)
    formatter = {"alpaca": "format_input", "phi3": "format_input_phi3"}[args.prompt_style]
    import llmscratch

    start_context = getattr(llmscratch, formatter)(val_data[0])
    start = time.perf_counter()
    train_losses, val_losses, tokens_seen = train_model_simple(
        model, train_loader, val_loader, optimizer, device, num_epochs=args.epochs,
        eval_freq=args.eval_freq, eval_iter=args.eval_iter, start_context=start_context,
        tokenizer=tokenizer,
    )
    train_minutes = (time.perf_counter() - start) / 60
    print(f"Training took {train_minutes:.2f} minutes")

    args.out.mkdir(parents=True, exist_ok=True)
    if args.lora_rank > 0:
        merge_lora(model)  # plain GPTModel weights: chat.py and later runs load them directly
    name = "quick" if args.quick else args.model
    checkpoint = save_checkpoint(args.out / f"{name}-sft.pt", model, extra={
        "config": cfg, "prompt_style": args.prompt_style, "init": str(args.init),
        "lora_rank": args.lora_rank, "mask_instructions": args.mask_instructions,
    })
    epochs_seen = torch.linspace(0, args.epochs, len(train_losses)).tolist()
    plot_losses(epochs_seen, tokens_seen, train_losses, val_losses,
                path=args.out / "loss-plot.png")

    num_test = len(test_data) if args.num_test is None else args.num_test
    responses = generate_responses(model, tokenizer, test_data[:num_test],
                                   max_new_tokens=args.max_new_tokens, device=device,
                                   prompt_style=args.prompt_style)
    save_json(responses, args.out / "responses.json")
    rouge = generate_rouge_scores(responses, "model_response")
    metrics = {
        "model": name, "init": str(args.init), "prompt_style": args.prompt_style,
        "mask_instructions": args.mask_instructions, "lora_rank": args.lora_rank,
        "trainable_parameters": n_trainable, "epochs": args.epochs, "lr": args.lr,
        "train_losses": train_losses, "val_losses": val_losses, "tokens_seen": tokens_seen,
        "final_train_loss": train_losses[-1] if train_losses else None,
        "final_val_loss": val_losses[-1] if val_losses else None,
        "train_minutes": train_minutes, "device": str(device),
        "num_responses": len(responses),
        "rougeL_mean": sum(rouge) / len(rouge) if rouge else None,
        "checkpoint": str(checkpoint), "responses": str(args.out / "responses.json"),
    }
    save_json(metrics, args.out / "metrics.json")
    if metrics["final_train_loss"] is not None:
        print(f"Final losses: train {metrics['final_train_loss']:.3f}, "
              f"val {metrics['final_val_loss']:.3f}")
    if rouge:
        print(f"ROUGE-L on {len(rouge)} test responses: {metrics['rougeL_mean']:.2f} / 100")
    print(f"Wrote {args.out}")
    return metrics


if __name__ == "__main__":
    main()
