"""Generate text with OpenAI's GPT-2 weights or a checkpoint of your own (chapter 5, §5.3-5.5).

Tokens are printed as they are produced (streaming), and the key/value cache is on by default,
so each new token costs one position instead of the whole context. Decoding follows the book:
top-k filtering, then temperature, then sampling; temperature 0 means greedy (deterministic).

Examples::

    python ch05_pretraining/generate_text.py --prompt "Every effort moves you"     # gpt2-small
    python ch05_pretraining/generate_text.py --model gpt2-medium --temperature 1.4 --top-k 25
    python ch05_pretraining/generate_text.py --checkpoint runs/ch05/checkpoint.pt
    python ch05_pretraining/generate_text.py --quick     # tiny untrained model, no download
    python ch05_pretraining/generate_text.py --fast      # GPTModelFast: same tokens, faster
    python ch05_pretraining/generate_text.py --weights int8   # int8 weights: fewer bytes a token
    python ch05_pretraining/generate_text.py --compile   # compile the decoding step first (CPU)

The prompt is a learner's text: ``<|endoftext|>`` in it is encoded as plain text, never as the
special token. Bad values (an empty prompt, ``--temperature nan``, ``--max-new-tokens -5``, a
classifier checkpoint) stop before any work with one line saying what to use instead.

The GPT-2 weights (``model.safetensors`` from Hugging Face) are downloaded once into the user
cache; offline, ``python -m llmscratch fetch gpt2-small`` on a connected machine and copying the
cache folder over is the way (the error message says where the file must go).
"""

from __future__ import annotations

import argparse
import sys
import time

import torch

from llmscratch import (
    AssetError,
    GPTModel,
    generate_stream,
    get_device,
    get_gpt2_tokenizer,
    load_pretrained_gpt2,
)
from llmscratch import scripting as sc
from llmscratch.fast import (
    UnsupportedOptionError,
    compile_decoding,
    quantize_for_generation,
    to_fast_model,
)
from llmscratch.generation import encode_plain_text

MODELS = ("gpt2-small", "gpt2-medium", "gpt2-large", "gpt2-xl")
QUICK, FULL = {"max_new_tokens": 10}, {"max_new_tokens": 50}


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    p.add_argument("--prompt", default="Every effort moves you", help="text to continue")
    p.add_argument("--model", default="gpt2-small", choices=MODELS,
                   help="OpenAI GPT-2 weights to use (ignored with --checkpoint)")
    p.add_argument("--checkpoint", type=sc.existing_file, default=None,
                   help="a GPT checkpoint written by train_gpt.py or finetune_instructions.py "
                        "(its config is stored inside)")
    p.add_argument("--models-dir", default=None,
                   help="folder holding (or receiving) GPT-2 weights; default: the user cache")
    p.add_argument("--max-new-tokens", type=sc.positive_int, default=None,
                   help=f"tokens to generate {sc.preset_help('max_new_tokens', QUICK, FULL)}")
    p.add_argument("--temperature", type=sc.temperature, default=0.0,
                   help="0 = greedy; above 1 flatter, below 1 sharper distributions")
    p.add_argument("--top-k", type=sc.positive_int, default=None,
                   help="sample only among the k best tokens")
    p.add_argument("--ignore-eos", action="store_true",
                   help="keep going past <|endoftext|> instead of stopping there")
    p.add_argument("--no-cache", action="store_true", help="recompute the context every step")
    p.add_argument("--seed", type=int, default=123, help="seed for sampling")
    p.add_argument("--no-stream", action="store_true", help="print the text only at the end")
    p.add_argument("--weights", default="float32", choices=("float32", "bf16", "int8"),
                   help="store the Linear weights in bf16 or int8 for generation (implies "
                        "--fast): fewer bytes to read per token, so faster on a CPU; the "
                        "tokens can differ a little from float32's")
    p.add_argument("--compile", action="store_true",
                   help="compile the one-token decoding step before generating (implies "
                        "--fast; CPU, float32 weights): minutes at gpt2-small, then faster "
                        "tokens; pays off for long texts")
    p.add_argument("--quick", action="store_true",
                   help="tiny untrained model (TINY_GPT_CONFIG) and 10 tokens: a smoke test")
    sc.add_run_args(p, fast=True)
    args = sc.apply_presets(p.parse_args(argv), QUICK, FULL)
    if not args.prompt:
        raise sc.ScriptError("--prompt is empty: give the text to continue, e.g. "
                             "--prompt 'Every effort moves you'")
    if args.compile and args.weights != "float32":
        raise sc.ScriptError("--compile decodes float32 weights; leave out --weights "
                             f"{args.weights} (or --compile)")
    return args


def load_model(args, device):
    """The model to generate with: a checkpoint, a tiny random model (--quick), or GPT-2."""
    if args.checkpoint:
        model = sc.load_gpt_from_checkpoint(args.checkpoint)[0]
    elif args.quick:
        torch.manual_seed(args.seed)
        model = GPTModel(sc.TINY_GPT_CONFIG)
    else:
        try:
            model = load_pretrained_gpt2(args.model, models_dir=args.models_dir)
        except AssetError as err:
            raise sc.ScriptError(f"{err}\n(--quick runs a tiny untrained model without any "
                                 "download; --checkpoint uses a model you trained.)") from None
    return model.to(device).eval()


def speed_options(model, args):
    """``model`` as ``--fast`` / ``--weights`` / ``--compile`` ask: a ``GPTModelFast`` with
    the same weights, with ``--weights bf16|int8`` a low-precision copy of it for generation,
    with ``--compile`` one whose decoding step is compiled (here, before the first token)."""
    if args.compile:
        fast = to_fast_model(model)
        print("[compiling the decoding step: minutes at gpt2-small, once]", file=sys.stderr)
        try:  # before the first token, so that streaming and tokens/s start compiled
            return compile_decoding(fast, compile_now=True)
        except UnsupportedOptionError as err:
            raise sc.ScriptError(f"--compile is not available here: {err}\n"
                             "(--fast works everywhere.)") from None
    if args.weights == "float32":
        return to_fast_model(model) if args.fast else model
    try:
        return quantize_for_generation(to_fast_model(model), args.weights)
    except UnsupportedOptionError as err:
        raise sc.ScriptError(f"--weights {args.weights} is not available here: {err}\n"
                         "(--weights float32 --fast works everywhere.)") from None


def main(argv=None):
    args = parse_args(argv)
    device = get_device(args.device)
    tokenizer = get_gpt2_tokenizer()
    model = speed_options(load_model(args, device), args)
    idx = torch.tensor([encode_plain_text(tokenizer, args.prompt)], device=device)
    eos_id = None if args.ignore_eos else tokenizer.eot_token
    torch.manual_seed(args.seed)
    new_ids, printed = [], ""
    if not args.no_stream:
        print(args.prompt, end="", flush=True)
    started = time.perf_counter()
    for next_id in generate_stream(model, idx, args.max_new_tokens,
                                   model.pos_emb.num_embeddings, args.temperature, args.top_k,
                                   eos_id, use_cache=not args.no_cache):
        new_ids.append(next_id.item())
        text = tokenizer.decode(new_ids)
        if not args.no_stream and not text.endswith("\ufffd"):  # wait for a whole character
            print(text[len(printed):], end="", flush=True)
            printed = text
    seconds = time.perf_counter() - started
    completion = tokenizer.decode(new_ids)
    if args.no_stream:
        print(args.prompt + completion)
    else:
        print(completion[len(printed):])
    print(f"[{len(new_ids)} tokens in {seconds:.2f} s, {len(new_ids) / max(seconds, 1e-9):.1f} "
          f"tokens/s, {'no cache' if args.no_cache else 'KV cache'}, {device}, "
          f"{type(model).__name__} with {args.weights} weights]", file=sys.stderr)
    return {"prompt": args.prompt, "text": args.prompt + completion, "token_ids": new_ids,
            "seconds": seconds, "tokens_per_s": len(new_ids) / max(seconds, 1e-9),
            "model": type(model).__name__, "weights": args.weights}


if __name__ == "__main__":
    sc.run_script(main)
