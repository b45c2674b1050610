"""Exercise 6.3: pad to the longest message, or to the model's whole context.

This is book exercise 6.1.

The book's exercise 6.1 pads every message to GPT-2's full context of 1,024 tokens instead of
the longest message (120). That costs about 8.5 times more computation per message and, in the
book, lowers the test accuracy. Try it with
``python ch06_classification/finetune_classifier.py --context model`` after this exercise.
Check your answer with ``python -m llmscratch check ch06 --only ex6_3``.
"""

import torch  # noqa: F401


def pad_batch(encoded_texts, context="longest", context_length=1024, pad_token_id=50256):
    """Stack lists of token ids into one ``(n, length)`` ``torch.long`` tensor.

    ``context`` decides ``length``:
    - "longest": the longest list, but never more than ``context_length`` (the model cannot
      read more positions than its position embedding has);
    - "model": ``context_length``;
    - an int: that number, even when every list is shorter.
    Lists longer than ``length`` keep their first ``length`` ids; shorter ones get
    ``pad_token_id`` appended (in new rows: leave the caller's lists unchanged). Example:
    ``pad_batch([[5, 6, 7], [8]])`` gives ``tensor([[5, 6, 7], [8, 50256, 50256]])``.
    """
    raise NotImplementedError("ex6_3: choose the length, then truncate and pad every list")
