"""Chat with an instruction-finetuned GPT in the terminal, token by token (chapter 7).

Loads a checkpoint written by ``finetune_instructions.py`` (its config and prompt style are
stored inside), wraps each message you type in the prompt format the model was trained on,
and prints the answer as it is generated, reusing cached keys and values (the KV cache) so each
new token costs one position of work. Each message is answered on its own: the models of this
chapter were trained on single instructions, not on conversations. ``<|endoftext|>`` inside a
message is plain text, as in the training data; a classifier from chapter 6 is refused.

Type a message and press Enter; an empty line, ``exit`` or Ctrl-D ends the chat. ``--prompt``
answers the given messages and exits (handy for scripts and tests).

Examples::

    python ch07_instruction/chat.py --checkpoint runs/ch07/gpt2-medium-sft.pt
    python ch07_instruction/chat.py --checkpoint runs/ch07/gpt2-medium-sft.pt \\
        --prompt "Rewrite the sentence using a simile: The car is very fast."
    python ch07_instruction/chat.py --checkpoint runs/ch07/gpt2-medium-sft.pt --fast
    python ch07_instruction/chat.py --quick --prompt "Name a color."   # random tiny model
"""

from __future__ import annotations

import argparse
import sys

from llmscratch.scripting import (
    TINY_GPT_CONFIG,
    ScriptError,
    add_run_args,
    existing_file,
    positive_int,
    run_script,
    temperature,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Interactive chat with an instruction-finetuned GPT (streaming, KV cache).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--checkpoint", type=existing_file, default=None,
                        help="a checkpoint from finetune_instructions.py")
    parser.add_argument("--prompt", action="append", default=None,
                        help="answer this message and exit (repeat for several)")
    parser.add_argument("--prompt-style", choices=["alpaca", "phi3"], default=None,
                        help="prompt format (default: the one stored in the checkpoint)")
    parser.add_argument("--max-new-tokens", type=positive_int, default=256, help="longest answer")
    parser.add_argument("--temperature", type=temperature, default=0.0,
                        help="0 = greedy (the book's choice for evaluation)")
    parser.add_argument("--top-k", type=positive_int, default=None,
                        help="sample from the k best tokens")
    parser.add_argument("--seed", type=int, default=123, help="random seed for sampling")
    parser.add_argument("--quick", action="store_true",
                        help="no checkpoint: the tiny random model of every script's --quick "
                             "(output is gibberish; for trying the program out)")
    add_run_args(parser, fast=True)
    return parser


def load_chat_model(args, device):
    """The model and its prompt style, from --checkpoint or (with --quick) a tiny random one."""
    import torch

    from llmscratch import GPTModel
    from llmscratch.scripting import load_gpt_from_checkpoint

    if args.checkpoint is None:
        if not args.quick:
            raise ScriptError("pass --checkpoint FILE (written by finetune_instructions.py), or "
                              "--quick to try the program with a tiny random model")
        torch.manual_seed(args.seed)
        return GPTModel(TINY_GPT_CONFIG).to(device).eval(), "alpaca"
    model, _, data = load_gpt_from_checkpoint(args.checkpoint, device=device)
    return model.eval(), data.get("extra", {}).get("prompt_style", "alpaca")


def stream_answer(model, tokenizer, message, prompt_style, args, device, write=print):
    """Generate the answer to ``message``, writing text pieces as they come; return the text."""
    import torch

    from llmscratch import PROMPT_STYLES, generate_stream
    from llmscratch.generation import encode_plain_text

    formatter, response_prefix = PROMPT_STYLES[prompt_style]
    prompt = formatter({"instruction": message, "input": ""}) + response_prefix
    # "<|endoftext|>" typed in a message is text, never the end-of-text token
    idx = torch.tensor([encode_plain_text(tokenizer, prompt)], device=device)
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
    if args.prompt is not None and not all(message.strip() for message in args.prompt):
        raise ScriptError("--prompt is empty: give the message to answer")
    import torch

    from llmscratch import get_device, get_gpt2_tokenizer

    device = get_device(args.device)
    torch.manual_seed(args.seed)
    model, stored_style = load_chat_model(args, device)
    if args.fast:
        from llmscratch.fast import to_fast_model

        model = to_fast_model(model)  # same weights; a cheaper step per generated token
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
    run_script(main)
