"""Chat with an instruction-finetuned GPT in the terminal, token by token (chapter 7).

Loads a checkpoint written by ``finetune_instructions.py`` (its config and prompt style are
stored inside), wraps each message you type in the prompt format the model was trained on,
and prints the answer as it is generated, reusing cached keys and values (the KV cache) so each
new token costs one position of work. Each message is answered on its own: the models of this
chapter were trained on single instructions, not on conversations.

Type a message and press Enter; an empty line, ``exit`` or Ctrl-D ends the chat. ``--prompt``
answers the given messages and exits (handy for scripts and tests).

Examples::

    python ch07_instruction/chat.py --checkpoint runs/ch07/gpt2-medium-sft.pt
    python ch07_instruction/chat.py --checkpoint runs/ch07/gpt2-medium-sft.pt \\
        --prompt "Rewrite the sentence using a simile: The car is very fast."
    python ch07_instruction/chat.py --quick --prompt "Name a color."   # random tiny model
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Interactive chat with an instruction-finetuned GPT (streaming, KV cache).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--checkpoint", type=Path, default=None,
                        help="a checkpoint from finetune_instructions.py")
    parser.add_argument("--prompt", action="append", default=None,
                        help="answer this message and exit (repeat for several)")
    parser.add_argument("--prompt-style", choices=["alpaca", "phi3"], default=None,
                        help="prompt format (default: the one stored in the checkpoint)")
    parser.add_argument("--max-new-tokens", type=int, default=256, help="longest answer")
    parser.add_argument("--temperature", type=float, default=0.0,
                        help="0 = greedy (the book's choice for evaluation)")
    parser.add_argument("--top-k", type=int, default=None, help="sample from the k best tokens")
    parser.add_argument("--seed", type=int, default=123, help="random seed for sampling")
    parser.add_argument("--device", default=None, help="cpu, cuda, mps (default: the best one)")
    parser.add_argument("--quick", action="store_true",
                        help="no checkpoint: a tiny random model (output is gibberish; for "
                             "trying the program out)")
    return parser


def load_chat_model(args, device):
    """The model and its prompt style, from --checkpoint or (with --quick) a tiny random one."""
    import torch

    from llmscratch import GPTModel, load_checkpoint

    if args.checkpoint is None:
        if not args.quick:
            raise SystemExit("Pass --checkpoint FILE (written by finetune_instructions.py), or "
                             "--quick to try the program with a tiny random model.")
        torch.manual_seed(args.seed)
        cfg = {"vocab_size": 50257, "context_length": 256, "emb_dim": 32, "n_heads": 4,
               "n_layers": 2, "drop_rate": 0.0, "qkv_bias": False}
        return GPTModel(cfg).to(device).eval(), "alpaca"
    saved = load_checkpoint(args.checkpoint, restore_rng=False)
    cfg = saved["extra"].get("config")
    if cfg is None:
        raise SystemExit(f"{args.checkpoint} does not record its model config; use a checkpoint "
                         "written by finetune_instructions.py.")
    model = GPTModel(cfg)
    model.load_state_dict(saved["model_state_dict"])
    return model.to(device).eval(), saved["extra"].get("prompt_style", "alpaca")


def stream_answer(model, tokenizer, message, prompt_style, args, device, write=print):
    """Generate the answer to ``message``, writing text pieces as they come; return the text."""
    import torch

    from llmscratch import PROMPT_STYLES, generate_stream, text_to_token_ids

    formatter, response_prefix = PROMPT_STYLES[prompt_style]
    prompt = formatter({"instruction": message, "input": ""}) + response_prefix
    idx = text_to_token_ids(prompt, tokenizer).to(device)
    new_ids, shown = [], ""
    with torch.no_grad():
        for next_id in generate_stream(model, idx, args.max_new_tokens,
                                       temperature=args.temperature, top_k=args.top_k,
                                       eos_id=50256, use_cache=True):
            new_ids.append(next_id.item())
            text = tokenizer.decode(new_ids)
            if not text.endswith("\ufffd"):  # wait until a multi-byte character is complete
                write(text[len(shown):])
                shown = text
    answer = tokenizer.decode(new_ids)
    write(answer[len(shown):] + "\n")
    return answer.strip()


def main(argv=None) -> dict:
    args = build_parser().parse_args(argv)
    import torch

    from llmscratch import get_device, get_gpt2_tokenizer

    device = get_device(args.device)
    torch.manual_seed(args.seed)
    model, stored_style = load_chat_model(args, device)
    prompt_style = args.prompt_style or stored_style
    tokenizer = get_gpt2_tokenizer()

    def write(piece):
        sys.stdout.write(piece)
        sys.stdout.flush()

    answers = []
    messages = iter(args.prompt) if args.prompt else None
    if messages is None:
        print("Type a message (empty line or 'exit' to quit).")
    while True:
        if messages is not None:
            message = next(messages, None)
            if message is not None:
                print(f"> {message}")
        else:
            try:
                message = input("> ")
            except EOFError:
                message = None
        if message is None or message.strip() in ("", "exit", "quit"):
            break
        answers.append(stream_answer(model, tokenizer, message, prompt_style, args, device,
                                     write))
    return {"answers": answers, "prompt_style": prompt_style}


if __name__ == "__main__":
    main()
