"""Chapter 5 bonus: the tokenizers of Llama 3 and Qwen3, built from local files.

Book: the chapter-5 bonus notebooks on Llama 3.2 and Qwen3 (their ``Tokenizer``, ``ChatFormat``
and ``Qwen3Tokenizer``); notebook: ``ch05_pretraining/gpt_to_llama.ipynb``.

Inside:

- ``load_tiktoken_ranks(path)``: read a tiktoken BPE file (Llama 3's ``tokenizer.model``): one
  line per token, ``<base64 bytes> <rank>``; the rank is both the token id and the merge order.
- ``Llama3Tokenizer(model_path)``: tiktoken's BPE with Llama 3's split pattern (digits in
  groups of at most three, no leading-space words the way GPT-2 splits them) and its 256
  special tokens after the ordinary ones (128,000 ``<|begin_of_text|>`` ... 128,009
  ``<|eot_id|>`` for the published 128,000-token vocabulary).
- ``Llama3ChatFormat(tokenizer)``: the instruct models' turns, ``<|start_header_id|>user
  <|end_header_id|>\\n\\n{text}<|eot_id|>``.
- ``format_qwen3_chat`` and ``Qwen3Tokenizer(tokenizer_file)``: Qwen3's ChatML turns
  (``<|im_start|>user\\n{text}<|im_end|>\\n``) over the byte-level BPE in ``tokenizer.json``
  (read with the ``tokenizers`` package, which ``transformers`` installs).

Nothing here downloads: the files come from ``llmscratch.assets`` (``qwen3-0.6b-tokenizer``) or
from a folder you place. Tests: ``python -m pytest tests/ch05/test_llama_tokenizer.py -q``.
"""

from __future__ import annotations

import base64
from pathlib import Path

# Llama 3's pre-tokenizer: contractions, words (with at most one leading non-letter), numbers
# of up to 3 digits, punctuation runs, newlines, spaces. GPT-2's differs: any run of digits.
LLAMA3_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|"
                  r" ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")

_NAMED_SPECIALS = ["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>",
                   "<|reserved_special_token_1|>", "<|finetune_right_pad_id|>",
                   "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
                   "<|eom_id|>", "<|eot_id|>", "<|python_tag|>"]
LLAMA3_SPECIAL_TOKENS = _NAMED_SPECIALS + [f"<|reserved_special_token_{i}|>"
                                           for i in range(3, 256 - len(_NAMED_SPECIALS) + 3)]


def load_tiktoken_ranks(path):
    """``{token bytes: rank}`` from a tiktoken BPE file; e.g. the line ``IQ== 0`` is byte ``!``.

    Book: chapter 5 bonus (Llama 3 tokenizer); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    ranks = {}
    for line in Path(path).read_text().splitlines():
        if line.strip():
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    if not ranks:
        raise ValueError(f"{path} holds no tokens: is it a tiktoken BPE file (tokenizer.model)?")
    return ranks


class Llama3Tokenizer:
    """Llama 3's tokenizer: byte-level BPE (tiktoken) plus 256 special tokens.

    ``encode(text, bos=False, eos=False, allowed_special=frozenset())`` -> ids; special-token
    text in ``text`` is encoded as ordinary text unless named in ``allowed_special`` (or
    ``"all"``). ``decode(ids)`` -> text. ``special[name]`` gives a special token's id: with
    the published ``tokenizer.model`` (128,000 tokens) ``<|begin_of_text|>`` is 128,000 and
    ``<|eot_id|>`` 128,009. Example: ``Llama3Tokenizer(path).encode("Hello", bos=True)`` starts
    with 128,000.

    Book: chapter 5 bonus (Llama 3 tokenizer); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    def __init__(self, model_path, pattern=LLAMA3_PATTERN):
        import tiktoken

        ranks = load_tiktoken_ranks(model_path)
        self.special = {name: len(ranks) + i for i, name in enumerate(LLAMA3_SPECIAL_TOKENS)}
        self.model = tiktoken.Encoding(name=Path(model_path).name, pat_str=pattern,
                                       mergeable_ranks=ranks, special_tokens=self.special)
        self.bos_id = self.special["<|begin_of_text|>"]
        self.eos_id = self.special["<|end_of_text|>"]
        self.eot_id = self.special["<|eot_id|>"]

    def encode(self, text, bos=False, eos=False, allowed_special=frozenset()):
        ids = self.model.encode(text, allowed_special=allowed_special, disallowed_special=())
        return ([self.bos_id] if bos else []) + ids + ([self.eos_id] if eos else [])

    def decode(self, ids):
        return self.model.decode(list(ids))


class Llama3ChatFormat:
    """Llama 3 instruct turns: a header with the role, a blank line, the text, ``<|eot_id|>``.

    ``encode(user_message, system_message=None)`` returns the ids of ``<|begin_of_text|>``,
    the optional system turn, the user turn and an open assistant header, i.e. the text
    ``<|begin_of_text|><|start_header_id|>user<|end_header_id|>\\n\\nHi<|eot_id|>
    <|start_header_id|>assistant<|end_header_id|>\\n\\n`` (without the line break) for "Hi".

    Book: chapter 5 bonus (Llama 3.2 instruct); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def encode_header(self, role):
        tok = self.tokenizer
        return ([tok.special["<|start_header_id|>"]] + tok.encode(role)
                + [tok.special["<|end_header_id|>"]] + tok.encode("\n\n"))

    def encode_message(self, role, text):
        return self.encode_header(role) + self.tokenizer.encode(text.strip()) + [
            self.tokenizer.eot_id]

    def encode(self, user_message, system_message=None):
        ids = [self.tokenizer.bos_id]
        if system_message is not None:
            ids += self.encode_message("system", system_message)
        return ids + self.encode_message("user", user_message) + self.encode_header("assistant")


QWEN3_SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>"]


def format_qwen3_chat(text, add_generation_prompt=False, add_thinking=False):
    """Wrap one user message in Qwen3's ChatML turn; with ``add_generation_prompt`` open the
    assistant's turn, and unless ``add_thinking`` close an empty thinking block (Qwen3's
    ``enable_thinking=False``). "Hi" ->
    ``"<|im_start|>user\\nHi<|im_end|>\\n<|im_start|>assistant\\n<think>\\n\\n</think>\\n\\n"``.

    Book: chapter 5 bonus (Qwen3 from scratch); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """
    out = f"<|im_start|>user\n{text}<|im_end|>\n"
    if add_generation_prompt:
        out += "<|im_start|>assistant\n"
        if not add_thinking:
            out += "<think>\n\n</think>\n\n"
    return out


class Qwen3Tokenizer:
    """Qwen3's byte-level BPE from a ``tokenizer.json``, with its chat wrapping.

    ``encode(text, chat_wrapped=None)``: with ``apply_chat_template`` (default) the text is
    wrapped by ``format_qwen3_chat`` first; special tokens in the text become single ids.
    ``eos_token_id`` is ``<|im_end|>`` for chat use, else ``<|endoftext|>``; ``pad_token_id``
    is ``<|endoftext|>`` (151,643 in the published vocabulary).

    Book: chapter 5 bonus (Qwen3 from scratch); notebook: ch05_pretraining/gpt_to_llama.ipynb
    """

    def __init__(self, tokenizer_file, apply_chat_template=True, add_generation_prompt=False,
                 add_thinking=False):
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(tokenizer_file))
        self.apply_chat_template = apply_chat_template
        self.add_generation_prompt, self.add_thinking = add_generation_prompt, add_thinking
        missing = [t for t in QWEN3_SPECIAL_TOKENS if self.tok.token_to_id(t) is None]
        if missing:
            raise ValueError(f"{tokenizer_file} lacks Qwen3's special tokens {missing}")
        self.pad_token_id = self.tok.token_to_id("<|endoftext|>")
        self.eos_token_id = self.tok.token_to_id(
            "<|im_end|>" if apply_chat_template else "<|endoftext|>")

    def encode(self, text, chat_wrapped=None):
        wrap = self.apply_chat_template if chat_wrapped is None else chat_wrapped
        if wrap:
            text = format_qwen3_chat(text, self.add_generation_prompt, self.add_thinking)
        return self.tok.encode(text, add_special_tokens=False).ids

    def decode(self, ids):
        return self.tok.decode(list(ids), skip_special_tokens=False)
